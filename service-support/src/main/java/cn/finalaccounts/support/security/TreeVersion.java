package cn.finalaccounts.support.security;

/**
 * Implemented by a service that knows when its tree changes (a number that changes with every change of the table
 * {@link OrgScope} reads): the scope then remembers a node's ancestry until the number changes, instead of walking
 * the tree in the database on every call. A service without one is asked every time.
 */
public interface TreeVersion {
    /** Changes whenever the tree this service holds or mirrors changes. */
    long current();
}
