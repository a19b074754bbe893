package io.alexandria.app;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as events and points carry it ({@code hostname}; {@code docs/architecture.md}, "Schemas"). */
public final class Hostnames {
    private Hostnames() {
    }

    /**
     * The override when given, else {@code COMPUTERNAME} (Windows), {@code HOSTNAME}, the
     * resolver's local host name, or {@code unknown}.
     */
    public static String resolve(String override) {
        if (override != null && !override.isBlank()) {
            return override.strip();
        }
        for (String env : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
