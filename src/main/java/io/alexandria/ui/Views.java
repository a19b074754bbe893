package io.alexandria.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads the FXML views under {@code /fxml/}. Controllers are created by a factory that passes the
 * {@link UiContext} to a constructor taking one (or uses the no-argument constructor); views
 * included with {@code fx:include} get the same factory.
 */
public final class Views {
    /** The stylesheet every scene uses. */
    public static final String STYLESHEET = "/css/alexandria.css";

    private Views() {
    }

    /**
     * A loaded view.
     *
     * @param root       the view's root node
     * @param controller its controller
     */
    public record View<C>(Parent root, C controller) {
    }

    /** Loads {@code /fxml/<name>.fxml}. */
    public static <C> View<C> load(String name, UiContext context) {
        URL url = Views.class.getResource("/fxml/" + name + ".fxml");
        if (url == null) {
            throw new IllegalArgumentException("no view /fxml/" + name + ".fxml");
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> create(type, context));
        try {
            Parent root = loader.load();
            return new View<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + name, e);
        }
    }

    private static Object create(Class<?> type, UiContext context) {
        try {
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == UiContext.class) {
                    return c.newInstance(context);
                }
            }
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create controller " + type.getName(), e);
        }
    }

    /** The stylesheet's URL as a string, for {@code Scene.getStylesheets()}. */
    public static String stylesheet() {
        return Views.class.getResource(STYLESHEET).toExternalForm();
    }
}
