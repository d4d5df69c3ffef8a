/// A presenter's walk through the audit: one representative pattern for each of the six failure
/// modes of multi-tenant AI systems and each of the four isolation layers, with a paragraph to
/// narrate. The console's audit screen steps through it with `t`.
public struct AuditTour: Sendable {
    /// One stop of the tour.
    public struct Stop: Sendable, Hashable {
        /// What the stop is about: a failure mode or a layer.
        public enum Topic: Sendable, Hashable {
            /// One of the six failure modes (1...6).
            case failureMode(Int)
            /// One of the four layers.
            case layer
        }
        /// The heading, e.g. `Failure mode 4: error message leakage`.
        public let title: String
        /// Which topic it covers.
        public let topic: Topic
        /// The pattern shown (its id without the a/b direction suffix).
        public let patternID: String
        /// The paragraph to narrate.
        public let paragraph: String
    }

    /// The stops in order: the six failure modes, then the four layers.
    public static let stops: [Stop] = [
        Stop(title: "Failure mode 1: global singleton state", topic: .failureMode(1), patternID: "ENG-12",
             paragraph: "A service that caches something for one tenant can hand it to the next caller. Here one org warms the schema cache of a source named exactly like the other org's, then the other org reads its own schema. The cache is keyed by org and checked on read, so the second org sees only its own tables and sample rows; its canary is there, the attacker's is not."),
        Stop(title: "Failure mode 2: embedding index pollution", topic: .failureMode(2), patternID: "VEC-01",
             paragraph: "Vector search is where a shared index quietly mixes tenants. Both orgs own a collection of the same name, and the attacker searches its own collection with the other org's canary as the query text. Collections belong to one org and the index is picked by the verified org before any vector is read, so the nearest neighbours all come from the attacker's own rows."),
        Stop(title: "Failure mode 3: log contamination", topic: .failureMode(3), patternID: "LOG-01",
             paragraph: "Logs are shared by everyone who operates the service, and they outlive requests. After every other attack has run, the audit greps every log line the process wrote for each org's canary. Log lines carry ids, durations and error codes only, never SQL, questions, prompts or rows, so there is nothing to find."),
        Stop(title: "Failure mode 4: error message leakage", topic: .failureMode(4), patternID: "ENG-01",
             paragraph: "An error that says 'forbidden' confirms that something exists. The attacker queries a source by a name only the other org uses, and then one that never existed. Both answers are the same sentence, word for word once each names its own reference: another org's resource is exactly as invisible as a missing one."),
        Stop(title: "Failure mode 5: rate limit sharing", topic: .failureMode(5), patternID: "RATE-02",
             paragraph: "A noisy neighbour can starve everyone else if limits are global. One org floods the engine from many tasks while the other keeps querying and the audit times it. Token buckets, statement slots and pooled connections are counted per org, so the flood is throttled as its own problem and the quiet org's latency does not move."),
        Stop(title: "Failure mode 6: backup restoration", topic: .failureMode(6), patternID: "TD-17",
             paragraph: "Restores write a whole tenant at once, which makes them a favourite way to cross over. The attacker tries to restore the other org's backup into its own org. Backups carry their org id and an authenticated checksum, and restore refuses one of another org before touching a single row."),
        Stop(title: "Layer: authentication", topic: .layer, patternID: "AUTH-03",
             paragraph: "Every service call carries a principal that only token verification can produce. The attacker presents a token that names the other org in its org_id claim. The signature does not verify, so no principal is made and the call never reaches tenant data: the org always comes from a verified credential, never from input."),
        Stop(title: "Layer: tenant data", topic: .layer, patternID: "TD-05",
             paragraph: "Each org's data lives in its own SQLite file, stamped with its org id. The attacker tries to ATTACH another file on a tenant connection to read it side by side. ATTACH is disabled on tenant connections, so the statement is refused; even a file opened some other way would fail the stamp check."),
        Stop(title: "Layer: connections and queries", topic: .layer, patternID: "ENG-02",
             paragraph: "Pooled connections are where a shared engine is most tempting to reuse. After the other org has used its source (pool, ownership map and schema cache all warm), the attacker presents that source's id. The engine checks the owner of every source and every pooled connection on every operation, so the id answers like one that never existed."),
        Stop(title: "Layer: AI context", topic: .layer, patternID: "CTX-16",
             paragraph: "Prompts are built from scratch per request from the asking org's data only, and a firewall checks the org of every fragment before anything is sent. Here the audit deliberately injects the other org's note into a prompt to prove the last line holds on its own: the firewall stops the request, nothing reaches the model, and the attacker reads only that the request was stopped."),
    ]
}
