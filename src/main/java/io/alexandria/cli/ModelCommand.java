package io.alexandria.cli;

import io.alexandria.app.Assembly;
import io.alexandria.app.EngineBootstrap;
import io.alexandria.config.AppPaths;
import io.alexandria.config.DjlSetup;
import io.alexandria.config.Settings;
import io.alexandria.config.SettingsStore;
import io.alexandria.embedding.DownloadListener;
import io.alexandria.embedding.Embedder;
import io.alexandria.embedding.Embedders;
import io.alexandria.embedding.EmbeddingException;
import io.alexandria.embedding.ModelCatalog;
import io.alexandria.sync.ModelSwitch;
import io.alexandria.sync.SyncEngine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code model}: shows the model search uses and the catalogue; {@code model --switch ID} builds
 * the new model's collection from the ledger (search keeps working meanwhile), switches the alias
 * when complete and saves the choice in the settings.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Show the embedding model, or switch to another (rebuilds its collection, then switches).")
public final class ModelCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions services;
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--switch", paramLabel = "ID", description = "Model id from the catalogue, or a model folder.")
    String target;

    @Option(names = "--device", paramLabel = "DEVICE", description = "auto, cpu or cuda:N (default: the settings').")
    String device;

    @Override
    public Integer call() throws EmbeddingException, InterruptedException, IOException {
        AppPaths paths = services.paths();
        Settings settings = services.settings();
        String active = EngineBootstrap.activeModel(paths, settings);
        if (target == null) {
            System.out.println("search uses: " + active + (active.equals(settings.model()) ? ""
                    : " (settings ask for " + settings.model() + ": run model --switch " + settings.model() + ")"));
            for (ModelCatalog.Entry e : ModelCatalog.entries()) {
                System.out.printf("  %-40s %5d dims, %s pooling, %d tokens%s%n", e.id(), e.spec().dimension(),
                        e.spec().pooling(), e.spec().maxTokens(), e.id().equals(active) ? "  <- in use" : "");
            }
            return 0;
        }
        QdrantOptions.requireReachable(services.endpoint());
        String dev = device != null ? device : settings.device();
        DjlSetup.configure(paths, !Embedders.mayDownload(target));
        Embedder next = Embedders.load(target, dev, paths.models(), DownloadListener.logging(
                org.slf4j.LoggerFactory.getLogger(ModelCommand.class)));
        Assembly assembly;
        try {
            assembly = services.openEngine(null, sourceOptions, true);
        } catch (EmbeddingException | RuntimeException e) {
            next.close();
            throw e;
        }
        try (assembly) {
            SyncEngine engine = assembly.engine();
            engine.start("model-switch");
            try (ModelSwitch change = new ModelSwitch(engine, next)) {
                change.start();
                while (!change.await(Duration.ofSeconds(5))) {
                    ModelSwitch.Progress p = change.progress();
                    if (p.error() != null) {
                        throw new CliException("model switch stopped: " + p.error());
                    }
                    System.err.printf("rebuilding %s: %d of %d documents, %d texts embedded%n", p.collection(),
                            p.done(), p.total(), p.embedded());
                }
                ModelSwitch.Progress p = change.progress();
                if (!p.switched()) {
                    throw new CliException("model switch stopped: " + p.error());
                }
                change.takeTarget().close();
                new SettingsStore(paths.settingsFile()).save(settings.withModel(next.model().id()));
                System.out.printf("search now uses %s (%s, %d documents, %d texts embedded)%n", next.model().id(),
                        p.collection(), p.done(), p.embedded());
            }
        }
        return 0;
    }
}
