/// A choice among values with integer weights, drawn by binary search over cumulative weights.
struct WeightedChoice<Value: Sendable>: Sendable {
    private let values: [Value]
    private let cumulative: [Int]

    /// Pairs of value and weight; weights must be non-negative with a positive total.
    init(_ pairs: [(Value, Int)]) {
        var total = 0
        var cumulative: [Int] = []
        for (_, weight) in pairs {
            total += weight
            cumulative.append(total)
        }
        precondition(total > 0, "weights must have a positive total")
        values = pairs.map(\.0)
        self.cumulative = cumulative
    }

    /// Whether there is nothing to choose.
    var isEmpty: Bool { values.isEmpty }

    /// A value drawn with probability proportional to its weight.
    func draw(_ random: inout CityRandom) -> Value {
        let target = random.below(cumulative[cumulative.count - 1])
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return values[low]
    }
}
