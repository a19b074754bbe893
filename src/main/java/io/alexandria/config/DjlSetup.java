package io.alexandria.config;

/**
 * Configures DJL before its first use: cache inside the app's data directory
 * ({@code DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR}), usage tracking opted out, the OnnxRuntime
 * engine without an alternative engine (pooling is done in Java), and offline mode unless a
 * download was asked for (a model from the catalogue, the CUDA libtorch).
 */
public final class DjlSetup {
    private DjlSetup() {
    }

    /**
     * Sets the system properties DJL reads. Call before any DJL class is loaded.
     *
     * @param offline true to forbid every download
     */
    public static void configure(AppPaths paths, boolean offline) {
        setIfAbsent("DJL_CACHE_DIR", paths.djlCache().toString());
        setIfAbsent("ENGINE_CACHE_DIR", paths.djlCache().toString());
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.onnx.disable_alternative", "true");
        System.setProperty("ai.djl.offline", Boolean.toString(offline));
        System.setProperty("offline", Boolean.toString(offline));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
