import Yams

/// The diagnostics of one catalogue file, as it is being read.
struct FileReport {
    /// The file, relative to the catalogue directory.
    let file: String
    private(set) var diagnostics: [CatalogueDiagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Records a problem at a line.
    mutating func problem(line: Int, _ message: String) {
        diagnostics.append(CatalogueDiagnostic(file: file, line: line, message: message))
    }

    /// Records a problem at a node's line.
    mutating func problem(_ node: Node, _ message: String) {
        problem(line: node.line, message)
    }

    /// Records a problem with the whole file.
    mutating func problem(_ message: String) {
        problem(line: 1, message)
    }
}

extension Node {
    /// The 1-based line where the node starts.
    var line: Int { mark?.line ?? 1 }

    /// Whether the node is a YAML null (`~`, `null` or nothing).
    var isNull: Bool { null != nil }
}

/// Closest-match suggestions for misspelled ids and keys.
enum Suggestion {
    /// The candidate nearest to `word` within edit distance 2, if any (ties go to the first in order).
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(Array(word.unicodeScalars), Array(candidate.unicodeScalars))
            if distance <= 2, distance < word.unicodeScalars.count, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `; did you mean 'x'?` when a close match exists, otherwise `otherwise`.
    static func hint(for word: String, among candidates: some Sequence<String>, otherwise: String) -> String {
        if let match = closest(to: word, among: candidates) {
            return "; did you mean '\(match)'?"
        }
        return otherwise
    }

    /// Levenshtein distance between two scalar arrays.
    static func editDistance(_ lhs: [Unicode.Scalar], _ rhs: [Unicode.Scalar]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for (i, left) in lhs.enumerated() {
            current[0] = i + 1
            for (j, right) in rhs.enumerated() {
                let substitution = previous[j] + (left == right ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
