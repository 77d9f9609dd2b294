// A real OpenID Connect provider for the tests (node's oidc-provider), shaped like ProConnect:
// signed ID tokens (RS256, or ES256 for one client), a signed userinfo (application/jwt), PKCE,
// RP-initiated logout. Started by tests/oidc_provider/__init__.py on a free loopback port.
//
// The login page asks only for an e-mail address (no password); the account's claims follow it:
//   non-verifie@…        → email_verified: false
//   sans-verification@…  → no email_verified claim at all (ProConnect sends none)
//   anything else        → email_verified: true
// Clients (secret "secret" for all): magellan (RS256), magellan-es256 (ES256),
// magellan-expired (RS256, ID tokens that live one second and arrive two seconds late).
// GET /forged/jwks answers a key set with the same key ids but other keys (a relying party
// configured with it must refuse every token).
import http from 'node:http';
import { URLSearchParams } from 'node:url';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';

const port = Number(process.argv[2] || 0);
const issuer = `http://127.0.0.1:${port}`;

async function privateJwk(alg, kid) {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), alg, kid, use: 'sig' };
}
function publicPart(jwk) {
  const { d, p, q, dp, dq, qi, ...rest } = jwk;
  return rest;
}

const keys = [await privateJwk('RS256', 'rsa-key'), await privateJwk('ES256', 'ec-key')];
const forged = [await privateJwk('RS256', 'rsa-key'), await privateJwk('ES256', 'ec-key')];

function client(clientId, alg) {
  return {
    client_id: clientId,
    client_secret: 'secret',
    redirect_uris: ['http://testserver/compte/proconnect/retour/'],
    post_logout_redirect_uris: ['http://testserver/compte/proconnect/deconnecte/'],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: alg,
    userinfo_signed_response_alg: alg,
  };
}

const provider = new Provider(issuer, {
  clients: [
    client('magellan', 'RS256'),
    client('magellan-es256', 'ES256'),
    client('magellan-expired', 'RS256'),
  ],
  jwks: { keys },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    given_name: ['given_name'],
    usual_name: ['usual_name'],
  },
  scopes: ['openid', 'email', 'given_name', 'usual_name'],
  features: {
    devInteractions: { enabled: false },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // ProConnect signs out without asking: submit the confirmation form at once.
      logoutSource: async (ctx, form) => {
        ctx.body = `<!DOCTYPE html><html lang="fr"><head><title>Déconnexion</title></head><body>
          ${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Se déconnecter</button>
          <script>document.querySelector('button[name=logout]').click()</script></body></html>`;
      },
    },
  },
  pkce: { required: () => true },
  ttl: {
    IdToken: (ctx, token, clientObject) => (clientObject.clientId === 'magellan-expired' ? 1 : 3600),
  },
  findAccount: async (ctx, id) => ({
    accountId: id,
    async claims() {
      const claims = { sub: id, email: id, given_name: 'Agathe', usual_name: 'Testeuse' };
      if (id.startsWith('non-verifie@')) claims.email_verified = false;
      else if (!id.startsWith('sans-verification@')) claims.email_verified = true;
      return claims;
    },
  }),
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-cookie-key'] },
});
provider.proxy = false;
// magellan-expired's tokens reach the relying party two seconds after they were made (they live one).
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.oidc?.client?.clientId === 'magellan-expired') {
    await new Promise((resolve) => { setTimeout(resolve, 2000); });
  }
});

// The relying party runs on any loopback port (pytest's live server) or as Django's test client.
const allowed = (uri, path) => {
  try {
    const url = new URL(uri);
    return ['testserver', '127.0.0.1', 'localhost'].includes(url.hostname) && url.pathname === path;
  } catch {
    return false;
  }
};
provider.Client.prototype.redirectUriAllowed = (uri) => allowed(uri, '/compte/proconnect/retour/');
provider.Client.prototype.postLogoutRedirectUriAllowed = (uri) => allowed(uri, '/compte/proconnect/deconnecte/');

function loginPage(uid) {
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Fournisseur de test</title></head>
<body><main><h1>Fournisseur d’identité de test</h1>
<form method="post" action="/interaction/${uid}">
<label for="email">Adresse électronique</label>
<input id="email" name="email" type="email" required>
<button type="submit">Continuer</button></form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/forged/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: forged.map(publicPart) }));
      return;
    }
    const match = url.pathname.match(/^\/interaction\/([^/]+)$/);
    if (match) {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(loginPage(details.uid));
        return;
      }
      const email = (await readForm(req)).get('email');
      const grant = new provider.Grant({ accountId: email, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: email }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    callback(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
