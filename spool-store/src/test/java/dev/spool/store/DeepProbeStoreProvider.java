package dev.spool.store;

/** A second store kind for the lookup tests whose scheme, {@code probe:deep}, extends {@code probe}'s. */
public final class DeepProbeStoreProvider extends ProbeStoreProvider {

    public DeepProbeStoreProvider() {
        super("probe:deep");
    }
}
