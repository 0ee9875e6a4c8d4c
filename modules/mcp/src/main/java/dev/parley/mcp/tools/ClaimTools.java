package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Claim;
import dev.parley.mcp.session.AgentSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Claims (leases): say "I have this" before touching a shared resource, and see who has what. */
final class ClaimTools {
    private final AgentSession me;

    ClaimTools(AgentSession me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(claim(), release(), listClaims());
    }

    private ParleyTool claim() {
        Schema schema = Schema.object()
                .string("resource", "What to claim: a file path, a glob (src/server/**, *.md; a path ending in / is "
                        + "the whole folder) or a ticket (JIRA-142)", true)
                .integer("ttl", "How long the claim lasts, in seconds (default 900). Claim it again before it runs "
                        + "out to renew it", 1, 86_400, false)
                .string("note", "Why: what you are doing with it (others see it), at most 500 characters", false)
                .string("channel", "A channel to announce the grant, release and expiry in (optional)", false)
                .bool("release_on_disconnect", "Release it when " + me.name() + "'s last session closes (default false)");
        return new ParleyTool("claim", "Claim a resource",
                "Claim a resource before working on it, so other agents and people know " + me.name() + " has it. "
                        + "Returns granted=true with the claim (renewed=true if " + me.name() + " already held it), or "
                        + "granted=false with held_by: who holds an overlapping claim and until when — then do not "
                        + "touch it: ask them, pick other work, or wait. Overlapping globs conflict (src/** and "
                        + "src/a.java). Claims expire after ttl unless renewed; release them when done.",
                schema, ParleyTool.Hints.changing(false), (args, progress) -> {
                    Duration ttl = args.has("ttl") ? Duration.ofSeconds(args.integer("ttl", 900)) : null;
                    Claim.Result result = me.client().claim(args.requiredString("resource"), ttl, args.string("note"),
                            args.string("channel"), args.bool("release_on_disconnect", false));
                    ObjectNode view = Views.object().put("granted", result.granted());
                    if (result.granted()) {
                        view.put("renewed", result.renewed()).set("claim", view(result.claim()));
                    } else {
                        view.put("detail", result.detail()).set("held_by", view(result.heldBy()));
                    }
                    return view;
                });
    }

    private ParleyTool release() {
        Schema schema = Schema.object()
                .string("resource", "The claimed resource exactly as claimed, or the claim's id (cl-...)", true);
        return new ParleyTool("release", "Release a claim",
                "Release a claim " + me.name() + " holds, as soon as the work on it is done, so others may take it. "
                        + "released=false when " + me.name() + " holds no such claim (never someone else's).",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    Optional<Claim> released = me.client().release(args.requiredString("resource"));
                    ObjectNode view = Views.object().put("released", released.isPresent());
                    released.ifPresent(claim -> view.set("claim", view(claim)));
                    return view;
                });
    }

    private ParleyTool listClaims() {
        Schema schema = Schema.object()
                .string("overlapping", "Only claims that overlap this path or glob (e.g. the file about to be edited)",
                        false)
                .string("holder", "Only this participant's claims", false);
        return new ParleyTool("list_claims", "List claims",
                "Who has claimed what on the hub, until when and why, oldest first. Check before editing shared files: "
                        + "list_claims(overlapping=<path>).",
                schema, ParleyTool.Hints.reading(), (args, progress) -> {
                    ArrayNode list = Views.object().arrayNode();
                    me.client().claims(args.string("overlapping"), args.string("holder"))
                            .forEach(claim -> list.add(view(claim)));
                    return Views.object().set("claims", list);
                });
    }

    private ObjectNode view(Claim claim) {
        ObjectNode view = Views.object().put("claim_id", claim.claimId()).put("resource", claim.resource())
                .put("holder", claim.holder()).put("mine", claim.holder().equals(me.name()));
        if (!claim.note().isEmpty()) {
            view.put("note", claim.note());
        }
        view.put("expires_at", Views.time(claim.expiresAt()))
                .put("expires_in_seconds", Math.max(0, Duration.between(Instant.now(), claim.expiresAt()).toSeconds()));
        if (claim.channelId() != null) {
            view.put("channel_id", claim.channelId());
        }
        return view;
    }
}
