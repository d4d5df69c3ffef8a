extension AuditPattern {
    /// The same attack run in both directions: `<id>a` with A attacking B, `<id>b` with B attacking A.
    static func twoWay(_ id: String, _ layer: AuditLayer, _ name: String, tried: String,
                       attack: @escaping @Sendable (AuditWorld, AuditTenant) async throws -> Void) -> [AuditPattern] {
        AuditSide.allCases.map { side in
            AuditPattern("\(id)\(side == .a ? "a" : "b")", layer, "\(name) (\(side.rawValue) attacks \(side.other.rawValue))",
                         tried: tried) { world in
                try await attack(world, world.tenant(side))
            }
        }
    }

    /// An attack run by `side` against the other org.
    static func oneWay(_ id: String, _ layer: AuditLayer, _ name: String, as side: AuditSide = .a, tried: String,
                       attack: @escaping @Sendable (AuditWorld, AuditTenant) async throws -> Void) -> AuditPattern {
        AuditPattern(id, layer, name, tried: tried) { world in
            try await attack(world, world.tenant(side))
        }
    }
}
