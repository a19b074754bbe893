package io.alexandria.embedding;

/** The file formats a model folder may hold. */
public enum ModelFormat {
    /** ONNX ({@code .onnx}), run by DJL's OnnxRuntime engine on the CPU. */
    ONNX(".onnx"),
    /** TorchScript ({@code .pt}, from {@code torch.jit.trace}/{@code script}), run by DJL's PyTorch engine. */
    TORCHSCRIPT(".pt");

    private final String extension;

    ModelFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, with the dot. */
    public String extension() {
        return extension;
    }

    /** The format a file name's extension says, or null. */
    public static ModelFormat ofFileName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (ModelFormat f : values()) {
            if (lower.endsWith(f.extension)) {
                return f;
            }
        }
        return null;
    }
}
