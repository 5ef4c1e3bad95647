// A certified OpenID provider (panva's oidc-provider, pinned in package.json) for the single sign-on
// browser tests (tests/accounts/test_oidc_provider.py). Test data only: dev interactions (any
// password), keys made at start, everything in memory.
//
//   node provider.mjs <redirect_uri> <post_logout_redirect_uri>
//
// Listens on 127.0.0.1 on a free port and prints one line, "listening <issuer>", once it answers.
// The client "lms" (secret "lms-secret", client_secret_post) may use the given redirect URIs.
// The login name picks the account; each account is one case of the tests.
import http from 'node:http';

import Provider from 'oidc-provider';

const [redirectUri, postLogoutRedirectUri] = process.argv.slice(2);
if (!redirectUri || !postLogoutRedirectUri) {
  console.error('usage: node provider.mjs <redirect_uri> <post_logout_redirect_uri>');
  process.exit(2);
}

// Claims by where the provider puts them: "idToken" only in the ID token, "userinfo" only at the
// userinfo endpoint, "both" in both.
const ACCOUNTS = {
  // Like Microsoft Entra ID: the employee id and the groups only in the ID token; a private,
  // unverified e-mail at userinfo that must not be used to find anyone.
  'hedda': {
    idToken: { employee_number: '4711', groups: ['lms-hr'], given_name: 'Hedda', family_name: 'Holm' },
    userinfo: { email: 'hedda.privat@example.org', email_verified: false },
  },
  // Someone who claims an existing manager's e-mail, which the provider has not verified.
  'mallory': {
    both: { email: 'chef@example.se', email_verified: false, given_name: 'Mallory' },
  },
  // An ordinary person with a verified e-mail.
  'vera': {
    both: { email: 'vera@example.se', email_verified: true, given_name: 'Vera', family_name: 'Viss' },
  },
  // An existing person's e-mail, not verified: linked only while the site trusts such addresses.
  'trude': {
    both: { email: 'trude@example.se', email_verified: false, given_name: 'Trude' },
  },
  // Like Entra ID with too many groups for a token that travels in a URL: "hasgroups" instead of the list.
  'hanna': {
    idToken: { employee_number: '4712', hasgroups: true },
  },
  // New people without an e-mail: named by their sign-in name, or else their display name.
  'nora': {
    both: { preferred_username: 'Nora.Ny', name: 'Nora Ny' },
  },
  'nils': {
    both: { name: 'Nils Nilsson' },
  },
};

function findAccount(ctx, accountId) {
  const account = ACCOUNTS[accountId] || { both: {} };
  return {
    accountId,
    async claims(use) {
      const own = use === 'id_token' ? account.idToken : account.userinfo;
      return { sub: accountId, ...(own || {}), ...(account.both || {}) };
    },
  };
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: 'lms',
      client_secret: 'lms-secret',
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [postLogoutRedirectUri],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    findAccount,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: [
        'given_name', 'family_name', 'name', 'preferred_username', 'employee_number', 'groups', 'hasgroups',
      ],
    },
    // The scopes' claims go into the ID token too; findAccount decides which of them each gets.
    conformIdTokenClaims: false,
    // A first-party client: no consent screen (oidc-provider's documented recipe).
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId
        || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    cookies: { keys: ['only-for-tests'] },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  console.log(`listening ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
