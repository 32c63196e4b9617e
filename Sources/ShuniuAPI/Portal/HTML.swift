/// A piece of HTML. Built by string interpolation in which every `String` (and number) is
/// escaped and only another `HTML` goes in as it is, so text from a record, a form or a URL
/// can never become markup: `"<td>\(name)</td>" as HTML`.
public struct HTML: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var markup: String

    /// Markup taken as it is: only for literals of this module.
    init(raw: String) { markup = raw }

    public init(stringLiteral value: String) { markup = value }

    public init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    public var description: String { markup }

    /// The empty fragment.
    public static let empty = HTML(raw: "")

    /// Joins fragments.
    public static func join(_ parts: some Sequence<HTML>, separator: HTML = .empty) -> HTML {
        HTML(raw: parts.map(\.markup).joined(separator: separator.markup))
    }

    public static func + (left: HTML, right: HTML) -> HTML { HTML(raw: left.markup + right.markup) }

    public static func += (left: inout HTML, right: HTML) { left.markup += right.markup }

    /// Escapes text for an element's content or a quoted attribute value.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newlines never reach the page.
                if character.value < 0x20 && character != "\t" && character != "\n" && character != "\r" { continue }
                out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// The interpolation: literals as they are, strings escaped, fragments as they are.
    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + interpolationCount * 16) }

        public mutating func appendLiteral(_ literal: String) { markup += literal }

        public mutating func appendInterpolation(_ text: some StringProtocol) { markup += HTML.escape(text) }

        public mutating func appendInterpolation(_ number: some BinaryInteger) { markup += String(number) }

        public mutating func appendInterpolation(_ fragment: HTML) { markup += fragment.markup }

        public mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { markup += fragment.markup } }
    }
}
