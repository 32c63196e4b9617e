import ShuniuModel

/// A term of an RDF graph: an IRI, a literal (with a language tag or a datatype) or a blank node.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI, or a compact one (`dcat:Dataset`) whose prefix ``RDFGraph/prefixes`` declares.
    case iri(String)
    /// A literal; `language` and `datatype` are exclusive (a datatype is a compact or absolute IRI).
    case literal(String, language: String? = nil, datatype: String? = nil)
    /// A blank node, by its label in the graph.
    case blank(String)

    /// A plain string literal.
    public static func text(_ value: String) -> RDFTerm { .literal(value) }
    /// A literal in a language (`zh`, `en`).
    public static func text(_ value: String, _ language: String) -> RDFTerm { .literal(value, language: language) }
    /// A typed literal.
    public static func typed(_ value: String, _ datatype: String) -> RDFTerm { .literal(value, datatype: datatype) }
}

/// A small RDF graph written out as Turtle and as JSON-LD (the two forms DCAT-AP harvesters
/// read). Triples keep the order they were added in, so the output is stable.
public struct RDFGraph: Sendable {
    /// The prefixes of compact IRIs, as written in both forms.
    public static let prefixes: [(String, String)] = [
        ("adms", "http://www.w3.org/ns/adms#"), ("dcat", "http://www.w3.org/ns/dcat#"), ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"), ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"), ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("spdx", "http://spdx.org/rdf/terms#"), ("vcard", "http://www.w3.org/2006/vcard/ns#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]

    private var order: [RDFTerm] = []
    private var statements: [RDFTerm: [(String, RDFTerm)]] = [:]

    /// An empty graph.
    public init() {}

    /// Adds `subject predicate object` (a repeated triple is kept once).
    public mutating func add(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        if statements[subject] == nil { order.append(subject) }
        guard !(statements[subject] ?? []).contains(where: { $0.0 == predicate && $0.1 == object }) else { return }
        statements[subject, default: []].append((predicate, object))
    }

    /// Declares `subject` of class `type` (`rdf:type`).
    public mutating func type(_ subject: RDFTerm, _ type: String) { add(subject, "rdf:type", .iri(type)) }

    /// The number of triples.
    public var count: Int { statements.values.reduce(0) { $0 + $1.count } }

    // MARK: Turtle

    /// The graph as Turtle: the prefixes, then one block per subject.
    public func turtle() -> String {
        var out = ""
        for (prefix, iri) in Self.prefixes { out += "@prefix \(prefix): <\(iri)> .\n" }
        for subject in order {
            guard let predicates = statements[subject], !predicates.isEmpty else { continue }
            out += "\n" + Self.turtle(subject)
            for (index, (predicate, object)) in predicates.enumerated() {
                out += (index == 0 ? " " : " ;\n    ") + (predicate == "rdf:type" ? "a" : predicate) + " " + Self.turtle(object)
            }
            out += " .\n"
        }
        return out
    }

    private static func turtle(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): return isCompact(iri) ? iri : "<\(escapeIRI(iri))>"
        case .blank(let label): return "_:\(label)"
        case .literal(let value, let language, let datatype):
            let literal = quoted(value)
            if let language { return literal + "@" + language }
            if let datatype { return literal + "^^" + (isCompact(datatype) ? datatype : "<\(escapeIRI(datatype))>") }
            return literal
        }
    }

    // MARK: JSON-LD

    /// The graph as JSON-LD 1.1: a `@context` of the prefixes and a flat `@graph` of nodes.
    public func jsonLD() -> String {
        var context: [String] = []
        for (prefix, iri) in Self.prefixes { context.append("\(Self.quoted(prefix)):\(Self.quoted(iri))") }
        var nodes: [String] = []
        for subject in order {
            guard let predicates = statements[subject], !predicates.isEmpty else { continue }
            var members = ["\"@id\":" + Self.quoted(Self.nodeID(subject))]
            let types = predicates.filter { $0.0 == "rdf:type" }.compactMap { if case .iri(let iri) = $0.1 { iri } else { nil } }
            if !types.isEmpty { members.append("\"@type\":[" + types.map(Self.quoted).joined(separator: ",") + "]") }
            var seen: [String] = []
            for (predicate, _) in predicates where predicate != "rdf:type" && !seen.contains(predicate) { seen.append(predicate) }
            for predicate in seen {
                let values = predicates.filter { $0.0 == predicate }.map { Self.jsonValue($0.1) }
                members.append(Self.quoted(predicate) + ":[" + values.joined(separator: ",") + "]")
            }
            nodes.append("{" + members.joined(separator: ",") + "}")
        }
        return "{\"@context\":{" + context.joined(separator: ",") + "},\n\"@graph\":[\n" + nodes.joined(separator: ",\n") + "\n]}\n"
    }

    private static func nodeID(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): iri
        case .blank(let label): "_:\(label)"
        case .literal(let value, _, _): value
        }
    }

    private static func jsonValue(_ term: RDFTerm) -> String {
        switch term {
        case .iri, .blank: return "{\"@id\":" + quoted(nodeID(term)) + "}"
        case .literal(let value, let language, let datatype):
            var members = ["\"@value\":" + quoted(value)]
            if let language { members.append("\"@language\":" + quoted(language)) }
            if let datatype { members.append("\"@type\":" + quoted(datatype)) }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    // MARK: Escaping

    private static func isCompact(_ iri: String) -> Bool {
        guard let colon = iri.firstIndex(of: ":") else { return false }
        let prefix = String(iri[..<colon])
        return prefixes.contains { $0.0 == prefix } && !iri[iri.index(after: colon)...].contains("/")
    }

    /// A quoted string: JSON's minimal escapes (`\"`, `\\`, `\n`, `\t`, ..., `\u00XX`) are
    /// all Turtle escapes (ECHAR, UCHAR) too, so one writer, the rows' (`JSONText`), serves both.
    static func quoted(_ value: String) -> String {
        var out: [UInt8] = []
        JSONText.appendString(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// IRIs come from the hub's own ids and fixed vocabularies; characters Turtle forbids in an
    /// IRI are percent-encoded all the same.
    static func escapeIRI(_ iri: String) -> String {
        var out = ""
        for scalar in iri.unicodeScalars {
            if scalar.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
