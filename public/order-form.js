// The order form's proof of work: the ALTCHA widget's "external" build brings no worker of its own
// (the strict CSP allows no worker from blob:), so the SHA-256 worker is a file of this site.
globalThis.$altcha?.algorithms.set('SHA-256', () => new Worker('/vendor/altcha-sha.js?v=3.2.2'));
