package cn.finalaccounts.fiscal.events;

/**
 * A record a consumer could not read as an event of a known contract, as it publishes it on its dead-letter
 * topic: where it came from, why it was set aside, and the record's text as received.
 */
public record RejectedEvent(String topic, int partition, long offset, String key, String reason, String payload) {
    public static final String TYPE = "RejectedEvent";
    public static final int CONTRACT_VERSION = 1;
}
