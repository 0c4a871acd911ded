/**
 * Browser script of /docs. Mounts Scalar on /api/v1/openapi.json with curl and
 * JavaScript examples; shows "Generate test token" to signed-in console users (and "Log in
 * to get a test key" to everyone else); the
 * button mints a playground key (POST /console/api/playground-keys, same-origin cookie,
 * JSON so the console's CSRF check passes) and re-creates the reference with the key
 * filled into both security schemes. The key lives only in this page's memory.
 */
export const PLAYGROUND_SCRIPT = `(() => {
  'use strict';
  const mountPoint = '#klipy-api-reference';
  const base = {
    url: '/api/v1/openapi.json',
    hideDownloadButton: false,
    // Everything from this server: no web fonts from Scalar's CDN, no hosted tooling.
    withDefaultFonts: false,
    showDeveloperTools: 'never',
    defaultHttpClient: { targetKey: 'shell', clientKey: 'curl' },
    hiddenClients: {
      c: true, clojure: true, csharp: true, dart: true, fsharp: true, go: true, http: true, java: true,
      kotlin: true, objc: true, ocaml: true, php: true, powershell: true, python: true, r: true,
      ruby: true, rust: true, swift: true,
      shell: ['httpie', 'wget'],
      js: ['jquery', 'xhr', 'axios', 'ofetch'],
      node: ['axios', 'ofetch', 'undici'],
    },
    authentication: { preferredSecurityScheme: 'KlipyApiKey' },
    // Self-hosted: no button that sends users to Scalar's hosted client.
    hideClientButton: true,
  };
  let reference = window.Scalar.createApiReference(mountPoint, base);

  const withKey = (key) => ({
    ...base,
    authentication: {
      preferredSecurityScheme: 'KlipyApiKey',
      securitySchemes: { KlipyApiKey: { value: key }, BearerAuth: { token: key } },
    },
  });

  // Scalar's key field shows a base64 joke as its placeholder; say what belongs there.
  const SCALAR_PLACEHOLDER = 'QUxMIFlP';
  const KEY_PLACEHOLDER = 'klipy_api_… (your key, or use Generate test token)';
  const fixPlaceholders = () => {
    for (const input of document.querySelectorAll('input[placeholder^="' + SCALAR_PLACEHOLDER + '"]'))
      input.setAttribute('placeholder', KEY_PLACEHOLDER);
  };
  new MutationObserver(fixPlaceholders).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['placeholder'],
  });

  const button = document.getElementById('klipy-generate-token');
  const status = document.getElementById('klipy-playground-status');
  const say = (text) => { status.textContent = text; };

  // Signed in: the button. Signed out: a way to sign in, not a button that silently is not there.
  const login = document.getElementById('klipy-login-for-key');
  fetch('/console/api/me', { credentials: 'same-origin' })
    .then((res) => {
      if (res.ok) button.hidden = false;
      else login.hidden = false;
    })
    .catch(() => { login.hidden = false; });

  button.addEventListener('click', async () => {
    button.disabled = true;
    say('Creating a test key…');
    try {
      const res = await fetch('/console/api/playground-keys', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      const body = await res.json().catch(() => null);
      if (!res.ok || !body || !body.data || !body.data.key) {
        say((body && body.error && body.error.message) || 'Could not create a test key.');
        return;
      }
      const key = body.data.key;
      const config = withKey(key);
      // Re-create the reference so the new key is in its auth field on every operation.
      if (typeof reference.destroy === 'function') reference.destroy();
      reference = window.Scalar.createApiReference(mountPoint, config);
      const prefix = body.data.apiKey && body.data.apiKey.prefix ? body.data.apiKey.prefix : 'a test key';
      say('Test key ' + prefix + ' filled in (valid 1 hour, read-only; revoke it under Settings → API).');
      window.klipyPlaygroundKeyPrefix = prefix;
    } catch {
      say('Could not create a test key.');
    } finally {
      button.disabled = false;
    }
  });
})();
`;
