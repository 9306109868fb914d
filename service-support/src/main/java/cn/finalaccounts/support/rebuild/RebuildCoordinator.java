package cn.finalaccounts.support.rebuild;

import cn.finalaccounts.support.consumer.ConsumerStatus;
import cn.finalaccounts.support.consumer.EventConsumer;
import cn.finalaccounts.support.consumer.OffsetStore;
import cn.finalaccounts.support.fault.OutageGuard;
import cn.finalaccounts.support.instance.ServiceInstance;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import cn.finalaccounts.support.security.TreeRebuild;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds what the service derives from events from the source of truth: the derived state and the offsets are
 * emptied, the loops read the topics from the beginning, and the source services re-publish their current state
 * ({@link SnapshotSources}), so the result does not depend on what the topics still hold. The rebuild is complete
 * when the stored offsets reach the end the topics had once every source was done.
 *
 * <p>One run for all of the service's instances ({@link RebuildRuns}): one instance holds it (empties the tables,
 * asks the sources, compares the offsets) while every instance's loops apply their share of the partitions, as
 * always; every instance gates its reads while the run is unfinished. The holder renews a lease; when it dies,
 * another instance takes the run over at its next watch after the lease lapsed, and starts it again from the
 * emptying if the sources were not done, or goes on comparing offsets if they were.
 *
 * <p>A run starts on an operator's request, or by itself when a loop finds stored offsets the topics cannot serve
 * (the topics were recreated or the broker replaced: {@code fa.rebuild.on-misplaced-offsets}).
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class RebuildCoordinator implements TreeRebuild {
    private static final Logger LOG = Logger.getLogger(RebuildCoordinator.class);

    @Inject
    EventConsumer consumer;

    @Inject
    OffsetStore offsets;

    @Inject
    Instance<DerivedState> derivedState;

    @Inject
    SnapshotSources sources;

    @Inject
    RebuildRuns runs;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    ServiceInstance instance;

    @Inject
    Instance<ReadsAfterRebuild> reads;

    @ConfigProperty(name = "fa.kafka.topics")
    List<String> topics;

    /** Rebuild by itself when stored offsets do not fit the topics (instead of only reporting it). */
    @ConfigProperty(name = "fa.rebuild.on-misplaced-offsets", defaultValue = "true")
    boolean repairMisplacedOffsets;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rebuild");
        t.setDaemon(true);
        return t;
    });
    /** The run under way, held here or by another instance: reads are gated while it is set. */
    private volatile RebuildRun current;
    /** The run this instance holds and works on; -1 when none. */
    private volatile long holding = -1;
    private Future<?> work;
    /** The run whose completion {@link #readsMark} was taken for, and the mark. */
    private volatile long markedRun = -1;
    private volatile long readsMark;
    private volatile long checkedAt;
    /** How often a gated read asks whether the run completed elsewhere, rather than wait for the next watch. */
    private static final Duration RECHECK = Duration.ofMillis(100);

    void resumeUnfinished(@Observes StartupEvent event) {
        try {
            // A run this instance held before it stopped is taken back now; another instance's is watched.
            watch();
        } catch (RuntimeException e) {
            LOG.warnf("could not look for an unfinished rebuild at start-up: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
    }

    /**
     * The rebuild under way, or empty; reads of the derived state say so instead of answering half a result. While
     * another instance holds the run, a gated read asks (at most every {@link #RECHECK}) whether it completed, so that
     * whoever sees COMPLETED can read from any instance at once, once this one's reads have caught up.
     */
    public Optional<RebuildRun> inProgress() {
        RebuildRun run = current;
        if (run != null && holding != run.id() && System.nanoTime() - checkedAt > RECHECK.toNanos()) {
            checkedAt = System.nanoTime();
            try {
                if (runs.unfinished().isEmpty() && readsCaughtUp(run.id())) {
                    current = null;
                }
            } catch (RuntimeException e) {
                LOG.debugf("could not ask whether rebuild %d completed: %s", run.id(), e.getMessage());
            }
        }
        return Optional.ofNullable(current);
    }

    /** This instance's reads include every batch committed by the time the run's last batch had (in any instance). */
    private boolean readsCaughtUp(long runId) {
        if (!reads.isResolvable()) {
            return true;
        }
        ReadsAfterRebuild r = reads.get();
        if (markedRun != runId) {
            readsMark = r.mark();
            markedRun = runId;
        }
        return r.reached(readsMark);
    }

    /** For {@link cn.finalaccounts.support.security.Access}: a scope decided now may be false. */
    @Override
    public Optional<String> underWay() {
        return inProgress().map(RebuildCoordinator::describe);
    }

    public static String describe(RebuildRun run) {
        return "rebuild " + run.id() + " (" + run.reason() + ") started at " + run.startedAt() + " and is "
                + run.phase();
    }

    /** Starts a rebuild unless one is under way (in any instance); returns the run either way. */
    public synchronized RebuildRun start(String reason) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<RebuildRun> begun = runs.begin(reason, instance.id());
            if (begun.isPresent()) {
                LOG.infof("rebuild %d: %s", begun.get().id(), reason);
                hold(begun.get());
                return begun.get();
            }
            // Another run is unfinished: that is the rebuild asked for (unless it finished in between: begin again).
            Optional<RebuildRun> under = runs.unfinished();
            if (under.isPresent()) {
                current = under.get();
                return under.get();
            }
        }
        throw new IllegalStateException("could not start a rebuild: runs kept starting and finishing meanwhile");
    }

    /**
     * A reader that saw the derived state emptied (a new epoch of the 汇总) asks before it drops what it holds: the
     * run that emptied it was recorded first, so reads are gated from here on, before the next watch.
     */
    public void noticeRebuild() {
        runs.unfinished().ifPresent(run -> current = run);
    }

    /** Works on {@code run} from where it stands: from the emptying if the sources were not done, else the offsets. */
    private synchronized void hold(RebuildRun run) {
        // Under way before anything is emptied: from the moment the derived state (the mirrored tree a scope is
        // read from included) is gone, every read must see the rebuild and answer 503, never 403 or 404.
        current = run;
        holding = run.id();
        if (run.sourcesDoneAt() != null) {
            work = worker.submit(() -> awaitCaughtUp(run));
            return;
        }
        try {
            consumer.restartFromScratch(() -> {
                derivedState.stream().forEach(DerivedState::clear);
                offsets.clear();
            });
        } catch (RuntimeException e) {
            // Nothing was emptied and the loops go on as before; the run stays unfinished and held here, so the next
            // watch (or, if this instance dies, another instance once the lease lapsed) starts it again.
            holding = -1;
            runs.failedOnce(run.id(), "could not empty the derived state: " + e.getMessage());
            throw e;
        }
        work = worker.submit(() -> askSourcesThenAwait(run));
    }

    @Scheduled(every = "${fa.rebuild.watch-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyWatch() {
        try {
            watch();
        } catch (RuntimeException e) {
            LOG.debugf("could not watch the rebuilds (tried again in a moment): %s", e.getMessage());
        }
    }

    /**
     * Brings this instance in line with the service's rebuild: gates reads while a run is unfinished and opens them
     * when it completed (here or elsewhere), renews the lease of the run it holds, takes over one whose holder died,
     * and starts one when a loop found stored offsets the topics cannot serve.
     */
    synchronized void watch() {
        Optional<RebuildRun> unfinished = runs.unfinished();
        if (unfinished.isEmpty()) {
            RebuildRun done = current;
            // Completed, here or elsewhere: reads open once this instance's memory has every batch of it.
            if (done == null || readsCaughtUp(done.id())) {
                current = null;
            }
            holding = -1;
            repairMisplacedOffsets();
            return;
        }
        RebuildRun run = unfinished.get();
        current = run;
        if (holding == run.id()) {
            if (!runs.renew(run.id(), instance.id())) {
                LOG.warnf("rebuild %d: another instance took it over (this one's lease lapsed); leaving it to that one",
                        run.id());
                stopWorking();
            }
        } else if (instance.id().equals(run.holder()) || run.leaseLapsed()) {
            if (runs.takeOver(run.id(), instance.id())) {
                LOG.infof("rebuild %d: taken over from %s (%s)", run.id(), run.holder(),
                        instance.id().equals(run.holder()) ? "this instance, before it stopped" : "its lease lapsed");
                stopWorking();
                hold(run);
            }
        }
    }

    private void stopWorking() {
        if (work != null) {
            work.cancel(true);
            work = null;
        }
        holding = -1;
    }

    private void repairMisplacedOffsets() {
        if (!repairMisplacedOffsets) {
            return;
        }
        ConsumerStatus s = consumer.status();
        if (!s.misplacedOffsets().isEmpty()) {
            ConsumerStatus.MisplacedOffset first = s.misplacedOffsets().get(0);
            try {
                start(first.topic() + "-" + first.partition() + ": " + first.reason());
            } catch (RuntimeException e) {
                LOG.warnf("could not start the rebuild yet (tried again in a moment): %s", e.getMessage());
            }
        }
    }

    private void askSourcesThenAwait(RebuildRun run) {
        try {
            sources.snapshotAll(error -> runs.failedOnce(run.id(), error));
            Guard untilDone = OutageGuard.create("rebuild-target", Duration.ofSeconds(1), Duration.ofSeconds(5),
                    () -> !Thread.currentThread().isInterrupted(), e -> runs.failedOnce(run.id(), e.getMessage()));
            untilDone.get(() -> {
                if (!runs.sourcesDone(run.id(), instance.id(), endOffsets())) {
                    throw new IllegalStateException("rebuild " + run.id() + " is no longer held by this instance");
                }
                return null;
            }, Void.class);
            RebuildRun replaying = runs.unfinished().filter(r -> r.id() == run.id()).orElseThrow();
            current = replaying;
            awaitCaughtUp(replaying);
        } catch (RuntimeException e) {
            // An interruption (the service stopping, or the run taken over) or the run lost: the run is finished by
            // whichever instance holds it, this one after a restart.
            LOG.warnf("rebuild %d interrupted here: %s", run.id(), e.getMessage());
        }
    }

    private void awaitCaughtUp(RebuildRun run) {
        Map<TopicPartition, Long> target = parse(run.target());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Map<TopicPartition, Long> stored = offsets.load();
                if (target.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey(), 0L) >= e.getValue())
                        && readsCaughtUp(run.id())) {
                    // The gate opens before the run is recorded as completed: whoever sees COMPLETED must be able to
                    // read at once (opened after, a reader could see COMPLETED and still get the 503). The figures
                    // are whole already: every target offset is stored, offsets commit with their figures, and this
                    // instance's memory has every batch up to then. The other instances open theirs once theirs has.
                    synchronized (this) { // not between a watch's reading the run unfinished and its gating
                        current = null;
                        runs.completed(run.id());
                    }
                    LOG.infof("rebuild %d complete", run.id());
                    return;
                }
            } catch (RuntimeException e) {
                LOG.debugf("rebuild %d: could not compare the offsets yet: %s", run.id(), e.getMessage());
            }
            try {
                Thread.sleep(250); // how often the stored offsets are compared with the target
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The end of every partition of the topics now, as "topic:partition=offset" joined by commas. */
    private String endOffsets() {
        Map<String, Object> settings = kafka.common();
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(settings)) {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + "=" + e.getValue().offset())
                    .sorted().collect(Collectors.joining(","));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end of the topics: " + e.getMessage(), e);
        }
    }

    static Map<TopicPartition, Long> parse(String target) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (target == null || target.isBlank()) {
            return offsets;
        }
        for (String entry : target.split(",")) {
            int colon = entry.lastIndexOf(':');
            int equals = entry.lastIndexOf('=');
            offsets.put(new TopicPartition(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1, equals))),
                    Long.parseLong(entry.substring(equals + 1)));
        }
        return offsets;
    }
}
