package dev.spool.testkit.postgres;

import dev.spool.testkit.fixture.FixtureExtension;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Creates and drops the databases of {@link TestDatabase} fields and parameters. */
final class DatabaseExtension extends FixtureExtension<ScratchDatabase> {

    DatabaseExtension() {
        super(TestDatabase.class, ScratchDatabase.class);
    }

    @Override
    protected ScratchDatabase create(ExtensionContext context) throws Exception {
        return ScratchDatabase.create();
    }

    @Override
    protected boolean accepts(Class<?> type) {
        return type == String.class || type == ScratchDatabase.class;
    }

    @Override
    protected Object valueFor(ScratchDatabase database, Class<?> type) {
        return type == String.class ? database.url() : database;
    }
}
