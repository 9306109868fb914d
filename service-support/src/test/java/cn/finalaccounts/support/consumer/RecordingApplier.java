package cn.finalaccounts.support.consumer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The test application's applier: writes one applied_record row per record in the loop's transaction. A record
 * whose value starts with "poison" fails every time, as a value the database refuses would.
 */
@ApplicationScoped
public class RecordingApplier implements BatchApplier {
    @Inject
    AgroalDataSource dataSource;

    private final Map<String, AtomicInteger> triedAlone = new ConcurrentHashMap<>();

    /** How often a poison value was tried alone (in a batch of one). */
    public int triedAlone(String value) {
        AtomicInteger n = triedAlone.get(value);
        return n == null ? 0 : n.get();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO applied_record (topic, partition_no, record_offset, record_value) VALUES (?, ?, ?, ?)")) {
            for (ConsumerRecord<String, String> r : records) {
                if (r.value().startsWith("poison")) {
                    if (records.size() == 1) {
                        triedAlone.computeIfAbsent(r.value(), v -> new AtomicInteger()).incrementAndGet();
                    }
                    throw new ArithmeticException("cannot apply " + r.value());
                }
                ps.setString(1, r.topic());
                ps.setInt(2, r.partition());
                ps.setLong(3, r.offset());
                ps.setString(4, r.value());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
