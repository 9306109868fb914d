package cn.finalaccounts.fiscal.events;

/** A record that cannot be read as an event of a known contract: a poison event, set aside, never retried. */
public class UndecodableEventException extends RuntimeException {
    public UndecodableEventException(String message) {
        super(message);
    }
}
