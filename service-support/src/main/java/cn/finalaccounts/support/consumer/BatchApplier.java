package cn.finalaccounts.support.consumer;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies a polled batch of records inside the transaction that also stores the consumer's next offsets. A
 * record that is not an event of a known contract must be set aside by the applier, not thrown: a throw
 * means "nothing of this batch happened, try again".
 */
@FunctionalInterface
public interface BatchApplier {
    void apply(List<ConsumerRecord<String, String>> records);
}
