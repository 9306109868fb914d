package cn.finalaccounts.support.rebuild;

/**
 * What a consuming service builds from events and can build again: a rebuild empties it (in the same transaction
 * as the stored offsets) before the topics are read from the beginning. A service whose derived state absorbs a
 * replay unchanged (every event is versioned) need not declare one.
 */
public interface DerivedState {
    void clear();
}
