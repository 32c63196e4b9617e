import Foundation

/// The CPU time this process has used so far (user + system, all threads), from getrusage.
/// Divided by the events of a timed stretch it gives the CPU cost per event, a figure that
/// moves less with machine load than events/s (which also counts time spent waiting for a
/// core the broker or a build holds).
enum ProcessCPU {
    /// Seconds of CPU time used by this process.
    static func seconds() -> Double {
        used(RUSAGE_SELF)
    }

    /// Seconds of CPU time used by this process's children that have ended and been waited
    /// for (a child's share is the difference before and after it ran).
    static func childrenSeconds() -> Double {
        used(RUSAGE_CHILDREN)
    }

    private static func used(_ who: __rusage_who) -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(who.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Figures collected over several rounds of a benchmark, reported as min and median: on a
/// shared 2-core machine one round says little, and the median of several with the minimum
/// beside it says how much the machine moved.
struct BenchRounds {
    private(set) var figures: [(name: String, values: [Double])] = []

    /// Adds this round's value of `name`.
    mutating func add(_ name: String, _ value: Double) {
        if let index = figures.firstIndex(where: { $0.name == name }) {
            figures[index].values.append(value)
        } else {
            figures.append((name, [value]))
        }
    }

    /// Min and median of `name` (the lower middle value for an even count).
    func summary(_ name: String) -> (min: Double, median: Double)? {
        guard let values = figures.first(where: { $0.name == name })?.values.sorted(), let first = values.first else { return nil }
        return (first, values[(values.count - 1) / 2])
    }

    /// One line per figure: `name  min X  median Y  (rounds: a, b, c)`, values formatted by `format`.
    func lines(format: (String, Double) -> String) -> [String] {
        figures.compactMap { figure in
            guard let summary = summary(figure.name) else { return nil }
            let rounds = figure.values.map { format(figure.name, $0) }.joined(separator: ", ")
            return "\(figure.name): min \(format(figure.name, summary.min)), median \(format(figure.name, summary.median)) (rounds: \(rounds))"
        }
    }
}
