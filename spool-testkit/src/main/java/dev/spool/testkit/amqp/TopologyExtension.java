package dev.spool.testkit.amqp;

import dev.spool.testkit.fixture.FixtureExtension;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Names and deletes the topologies of {@link TestTopology} fields and parameters. */
final class TopologyExtension extends FixtureExtension<ScratchTopology> {

    TopologyExtension() {
        super(TestTopology.class, ScratchTopology.class);
    }

    @Override
    protected ScratchTopology create(ExtensionContext context) throws Exception {
        return ScratchTopology.create(context.getRequiredTestClass().getSimpleName());
    }

    @Override
    protected boolean accepts(Class<?> type) {
        return type == ScratchTopology.class;
    }

    @Override
    protected Object valueFor(ScratchTopology topology, Class<?> type) {
        return topology;
    }
}
