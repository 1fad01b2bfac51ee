// The size a photo route serves: the web size (default) or the 480-px thumbnail for lists.
import { Type } from 'typebox';

export const PhotoSizeQuery = Type.Object({
  size: Type.Optional(Type.Union([Type.Literal('web'), Type.Literal('thumb')], { default: 'web' })),
});
