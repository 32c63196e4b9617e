import Foundation
import ShuniuOpenData
import Testing

@Suite("RDF graph writer: Turtle and JSON-LD of the DCAT catalogue")
struct RDFGraphTests {
    @Test("literals with quotes, backslashes, newlines and control characters are escaped in both forms; IRIs are encoded")
    func escaping() throws {
        var graph = RDFGraph()
        let node = RDFTerm.iri("http://example.org/a b<c>")
        graph.type(node, "dcat:Dataset")
        let awkward = "说 \"引号\" \\ 反斜杠\n第二行\t制表\u{01}"
        graph.add(node, "dct:title", .text(awkward, "zh"))
        graph.add(node, "dcat:byteSize", .typed("12", "xsd:nonNegativeInteger"))
        graph.add(node, "dct:title", .text(awkward, "zh"))  // repeated: kept once
        #expect(graph.count == 3)
        let turtle = graph.turtle()
        #expect(turtle.contains("<http://example.org/a%20b%3Cc%3E> a dcat:Dataset"))
        #expect(turtle.contains(#""说 \"引号\" \\ 反斜杠\n第二行\t制表\u0001"@zh"#))
        #expect(turtle.contains(#""12"^^xsd:nonNegativeInteger"#))
        // The JSON-LD is JSON, and its value is the literal itself.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(graph.jsonLD().utf8)) as? [String: Any])
        let nodes = try #require(json["@graph"] as? [[String: Any]])
        let titles = try #require(nodes.first?["dct:title"] as? [[String: String]])
        #expect(titles == [["@value": awkward, "@language": "zh"]])
        #expect((json["@context"] as? [String: String])?["dcat"] == "http://www.w3.org/ns/dcat#")
    }
}
