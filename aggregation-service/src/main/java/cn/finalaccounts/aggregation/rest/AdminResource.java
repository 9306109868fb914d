package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.aggregation.service.ConsistencyCheck;
import cn.finalaccounts.support.consumer.ConsumerResource;
import cn.finalaccounts.support.consumer.EventConsumer;
import cn.finalaccounts.support.consumer.OffsetStore;
import cn.finalaccounts.support.consumer.RejectedEventStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "Consumer state, consistency check and rebuild of the 汇总 from the topics")
public class AdminResource {
    @Inject
    EventConsumer consumer;

    @Inject
    OffsetStore offsets;

    @Inject
    RejectedEventStore rejected;

    @Inject
    SummaryStore summaries;

    @Inject
    ConsistencyCheck consistency;

    @GET
    @Path("/consistency")
    @Operation(summary = "Recompute every 汇总 from the units' counted versions and compare it cell for cell",
            description = "consistent is true when every kept cell equals the recomputation; up to 100 differing"
                    + " cells are listed.")
    public ConsistencyCheck.Result consistency() {
        return consistency.run();
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Rebuild every 汇总 from the topics",
            description = "Empties the tables built from events (offsets included) and consumes the topics again from"
                    + " the beginning. Answers at once (202); follow GET /api/v1/admin/consumer until nothing is"
                    + " pending. The result is identical to the 汇总 before. Run it with one instance of the service.")
    public Response rebuild() {
        consumer.restartFromScratch(summaries::clearDerivedState);
        return Response.accepted(ConsumerResource.view(consumer, offsets, rejected)).build();
    }
}
