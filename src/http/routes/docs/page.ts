/** The /docs HTML shell: a bar with the playground button, and Scalar's mount point. */
export const docsPage = () => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Klipy API reference</title>
  <style>
    body { margin: 0; font-family: system-ui, -apple-system, Segoe UI, sans-serif; }
    .klipy-bar { display: flex; gap: 12px; align-items: center; justify-content: space-between;
      padding: 8px 16px; border-bottom: 1px solid #e5e7eb; background: #fff; position: relative; z-index: 1; }
    .klipy-bar a { color: #111827; font-weight: 600; text-decoration: none; }
    .klipy-bar button { font: inherit; padding: 6px 12px; border-radius: 6px; border: 1px solid #4f46e5;
      background: #4f46e5; color: #fff; cursor: pointer; }
    .klipy-bar button[disabled] { opacity: .6; cursor: wait; }
    #klipy-playground-status { font-size: 13px; color: #374151; }
  </style>
</head>
<body>
  <div class="klipy-bar">
    <a href="/">Klipy</a>
    <span>
      <span id="klipy-playground-status" role="status" aria-live="polite"></span>
      <a id="klipy-login-for-key" href="/login?next=/docs" hidden>Log in to get a test key</a>
      <button id="klipy-generate-token" type="button" hidden
        title="Creates a 1-hour read-only key named Docs playground (temp), listed with your keys">Generate test token</button>
    </span>
  </div>
  <div id="klipy-api-reference"></div>
  <script src="/docs/scalar.js"></script>
  <script src="/docs/playground.js"></script>
</body>
</html>
`;
