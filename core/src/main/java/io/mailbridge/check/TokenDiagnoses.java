package io.mailbridge.check;

import io.mailbridge.account.Account;
import io.mailbridge.account.OAuth2;
import io.mailbridge.oauth2.TokenRefusedException;
import io.mailbridge.oauth2.TokenRequestException;

/** Advice for an {@code oauth2} account whose access token could not be had, or whose token the server refused. */
final class TokenDiagnoses {

    private TokenDiagnoses() {
    }

    /** The token endpoint refused the grant. */
    static String refused(Account account, TokenRefusedException refused) {
        OAuth2.Provider provider = account.oauth2().map(OAuth2::provider).orElse(OAuth2.Provider.GOOGLE);
        String said = refused.error() + (refused.description().isEmpty() ? "" : " (" + refused.description() + ")");
        return switch (refused.error()) {
            case "invalid_grant" -> provider == OAuth2.Provider.GOOGLE
                    ? "the refresh token was refused with " + said + ": it has been revoked or has expired (the user"
                    + " removed the app's access, changed the password, or the OAuth consent screen is in testing"
                    + " mode, whose tokens last 7 days); authorize again and put the new token in"
                    + " oauth2.refreshToken"
                    : "the client-credentials grant was refused with " + said + ": check oauth2.tenant and that an"
                    + " administrator consented to the app's IMAP.AccessAsApp permission";
            case "invalid_client", "unauthorized_client" -> "the token endpoint does not accept the client ("
                    + said + "): check oauth2.clientId and oauth2.clientSecret"
                    + (provider == OAuth2.Provider.MICROSOFT ? " (client secrets expire: create a new one under"
                    + " App registrations → Certificates & secrets)" : "");
            case "invalid_scope" -> "the token endpoint refused the scope (" + said + "): remove oauth2.scope to"
                    + " use the provider's mail scope";
            default -> "the token endpoint refused the grant: " + said;
        };
    }

    /** The token endpoint could not be reached, or failed. */
    static String unavailable(TokenRequestException failure) {
        return "cannot get an access token: " + failure.getMessage() + "; the next attempt asks again (check"
                + " oauth2.tokenUrl and that this machine can reach it)";
    }

    /** The server refused an access token the endpoint had just issued. */
    static String loginRefused(Account account, String serverText) {
        String text = serverText == null || serverText.isBlank() ? "(no reason given)" : serverText.strip();
        OAuth2.Provider provider = account.oauth2().map(OAuth2::provider).orElse(OAuth2.Provider.GOOGLE);
        String advice = provider == OAuth2.Provider.GOOGLE
                ? "the token must have the scope " + OAuth2.GOOGLE_SCOPE + ", be issued for the user named in"
                + " username, and IMAP must be enabled in Gmail's settings"
                : "the app needs the IMAP.AccessAsApp permission with admin consent, its service principal registered"
                + " in Exchange Online (New-ServicePrincipal) and access to the mailbox (Add-MailboxPermission), and"
                + " username must be the mailbox's address";
        return "authentication failed: the server refused the access token (XOAUTH2): " + advice
                + "; the server said: " + text;
    }
}
