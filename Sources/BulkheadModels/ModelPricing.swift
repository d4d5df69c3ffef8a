/// Prices per million tokens for the models we know, so each request can carry a cost estimate.
///
/// Prices are list prices in US dollars at the time of writing; a model not in the table is
/// priced at zero and marked `isKnown == false`, so the inspector can say "unknown" rather than
/// show a wrong figure. The offline model costs nothing.
public struct ModelPricing: Sendable, Hashable {
    /// Dollars per million input tokens.
    public let inputPerMillion: Double
    /// Dollars per million output tokens.
    public let outputPerMillion: Double
    /// Whether the price came from the table (false: an unknown model, priced at zero).
    public let isKnown: Bool

    /// Makes a price.
    public init(inputPerMillion: Double, outputPerMillion: Double, isKnown: Bool = true) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.isKnown = isKnown
    }

    /// The cost in dollars of one request's usage.
    public func cost(_ usage: TokenUsage) -> Double {
        (Double(usage.inputTokens) * inputPerMillion + Double(usage.outputTokens) * outputPerMillion) / 1_000_000
    }

    /// The offline model's price: zero, and known.
    public static let free = ModelPricing(inputPerMillion: 0, outputPerMillion: 0)

    /// The price of an unknown model: zero, marked unknown.
    public static let unknown = ModelPricing(inputPerMillion: 0, outputPerMillion: 0, isKnown: false)

    /// Model-name prefixes and their prices, longest prefix first when looked up.
    public static let table: [(prefix: String, price: ModelPricing)] = [
        ("claude-opus-4-5", ModelPricing(inputPerMillion: 5, outputPerMillion: 25)),
        ("claude-opus-4", ModelPricing(inputPerMillion: 15, outputPerMillion: 75)),
        ("claude-sonnet-4", ModelPricing(inputPerMillion: 3, outputPerMillion: 15)),
        ("claude-3-7-sonnet", ModelPricing(inputPerMillion: 3, outputPerMillion: 15)),
        ("claude-3-5-sonnet", ModelPricing(inputPerMillion: 3, outputPerMillion: 15)),
        ("claude-haiku-4-5", ModelPricing(inputPerMillion: 1, outputPerMillion: 5)),
        ("claude-3-5-haiku", ModelPricing(inputPerMillion: 0.8, outputPerMillion: 4)),
        ("claude-3-haiku", ModelPricing(inputPerMillion: 0.25, outputPerMillion: 1.25)),
        ("gpt-4o-mini", ModelPricing(inputPerMillion: 0.15, outputPerMillion: 0.6)),
        ("gpt-4o", ModelPricing(inputPerMillion: 2.5, outputPerMillion: 10)),
        ("gpt-4.1-nano", ModelPricing(inputPerMillion: 0.1, outputPerMillion: 0.4)),
        ("gpt-4.1-mini", ModelPricing(inputPerMillion: 0.4, outputPerMillion: 1.6)),
        ("gpt-4.1", ModelPricing(inputPerMillion: 2, outputPerMillion: 8)),
        ("gpt-5-nano", ModelPricing(inputPerMillion: 0.05, outputPerMillion: 0.4)),
        ("gpt-5-mini", ModelPricing(inputPerMillion: 0.25, outputPerMillion: 2)),
        ("gpt-5", ModelPricing(inputPerMillion: 1.25, outputPerMillion: 10)),
    ]

    /// The price of `model` from `provider`: free for the offline model, the longest matching
    /// prefix in `table` otherwise, and `unknown` when none matches (local servers such as
    /// Ollama serve models we cannot price).
    public static func lookup(provider: String, model: String) -> ModelPricing {
        if provider == OfflineModel.providerName { return .free }
        let lowered = model.lowercased()
        let match = table
            .filter { lowered.hasPrefix($0.prefix) }
            .max { $0.prefix.count < $1.prefix.count }
        return match?.price ?? .unknown
    }
}
