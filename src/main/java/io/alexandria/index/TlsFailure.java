package io.alexandria.index;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a connection to Qdrant failed at the TLS level, read from the cause chain of the gRPC
 * status ({@code UNAVAILABLE: io exception}, whose description only names Netty's
 * {@code SslHandler}), in words a user can act on.
 *
 * @param kind   what went wrong
 * @param detail the underlying exception's message, shortened (may be empty)
 */
public record TlsFailure(Kind kind, String detail) {
    /** The failures told apart. */
    public enum Kind {
        /** The chain leads to no trusted authority (PKIX): a self-signed or private-CA certificate. */
        UNTRUSTED,
        /** The certificate is trusted but names another host. */
        HOST_MISMATCH,
        /** The certificate's validity period is over. */
        EXPIRED,
        /** The certificate's validity period has not begun (often this machine's clock). */
        NOT_YET_VALID,
        /** {@code https://} to a server that answered in plaintext. */
        SERVER_NOT_TLS,
        /** {@code http://} to a server that answered with TLS. */
        SERVER_EXPECTS_TLS,
        /** Another TLS handshake failure (protocol or cipher mismatch, a closed connection). */
        HANDSHAKE
    }

    private static final int MAX_DETAIL = 200;

    /** The TLS failure behind {@code t} (a failed call's exception, with its causes), if any. */
    public static Optional<TlsFailure> of(Throwable t) {
        if (t == null) {
            return Optional.empty();
        }
        if (answeredWithTls(t)) {
            return Optional.of(new TlsFailure(Kind.SERVER_EXPECTS_TLS, ""));
        }
        CertificateExpiredException expired = find(t, CertificateExpiredException.class);
        if (expired != null) {
            return Optional.of(new TlsFailure(Kind.EXPIRED, shorten(expired.getMessage())));
        }
        CertificateNotYetValidException early = find(t, CertificateNotYetValidException.class);
        if (early != null) {
            return Optional.of(new TlsFailure(Kind.NOT_YET_VALID, shorten(early.getMessage())));
        }
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (isHostMismatch(x)) {
                return Optional.of(new TlsFailure(Kind.HOST_MISMATCH, shorten(x.getMessage())));
            }
        }
        if (find(t, CertPathBuilderException.class) != null || mentions(t, "PKIX path", "unable to find valid certification path",
                "unable to get local issuer certificate", "self signed certificate", "self-signed certificate")) {
            return Optional.of(new TlsFailure(Kind.UNTRUSTED, ""));
        }
        if (hasClass(t, "NotSslRecordException") || mentions(t, "not an SSL/TLS record", "WRONG_VERSION_NUMBER",
                "Unsupported or unrecognized SSL message", "plaintext connection?")) {
            return Optional.of(new TlsFailure(Kind.SERVER_NOT_TLS, ""));
        }
        SSLException ssl = find(t, SSLException.class);
        if (ssl != null) {
            return Optional.of(new TlsFailure(Kind.HANDSHAKE, shorten(ssl.getMessage())));
        }
        return Optional.empty();
    }

    /**
     * One line for the user: what failed and what to do.
     *
     * @param host the host name the client connected to, or null when unknown
     */
    public String message(String host) {
        return switch (kind) {
            case UNTRUSTED -> "TLS: the server's certificate is not trusted (self-signed, or signed by an authority "
                    + "this machine does not know); trust its certificate file with --trust-cert FILE or in Settings "
                    + "(trusted certificate)";
            case HOST_MISMATCH -> "TLS: the server's certificate is not issued for "
                    + (host == null ? "the host name used" : host) + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + "; connect with a host name the certificate lists, or reissue the certificate";
            case EXPIRED -> "TLS: the server's certificate has expired" + (detail.isEmpty() ? "" : " (" + detail + ")")
                    + "; renew it on the server";
            case NOT_YET_VALID -> "TLS: the server's certificate is not valid yet"
                    + (detail.isEmpty() ? "" : " (" + detail + ")") + "; check this machine's clock";
            case SERVER_NOT_TLS -> "TLS: the server answered without TLS; use http:// instead of https://";
            case SERVER_EXPECTS_TLS -> "the server answered with TLS; use https:// instead of http://";
            case HANDSHAKE -> "TLS handshake failed" + (detail.isEmpty() ? "" : ": " + detail);
        };
    }

    /** Whether {@code t} is the JDK's host-name check refusing a trusted certificate. */
    static boolean isHostMismatch(Throwable t) {
        String m = t.getMessage() == null ? "" : t.getMessage();
        return m.startsWith("No subject alternative") || m.startsWith("No name matching")
                || m.contains("doesn't match any of the subject alternative names");
    }

    /**
     * A plaintext HTTP/2 client talking to a TLS server receives a TLS record where it expects the
     * server's SETTINGS frame: Netty reports "First received frame was not SETTINGS. Hex dump for
     * first 5 bytes: 15030…" (an alert; {@code 16030…} a handshake record).
     */
    private static boolean answeredWithTls(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            String m = x.getMessage() == null ? "" : x.getMessage().toLowerCase(Locale.ROOT);
            int i = m.indexOf("hex dump for first 5 bytes: ");
            if (i >= 0) {
                String hex = m.substring(i + "hex dump for first 5 bytes: ".length());
                if (hex.startsWith("1503") || hex.startsWith("1603")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first cause of {@code type} in {@code t}'s chain, or null. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static boolean hasClass(Throwable t, String simpleName) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (x.getClass().getSimpleName().equals(simpleName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Throwable t, String... words) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            String m = x.getMessage() == null ? "" : x.getMessage();
            for (String w : words) {
                if (m.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL) + "…";
    }
}
