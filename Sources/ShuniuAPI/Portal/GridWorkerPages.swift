import Foundation
import Hummingbird
import ShuniuKafka
import ShuniuModel
import ShuniuStreams

/// The grid worker's form (网格员采集): staff of a district grid centre record a visit or a
/// change for a theme their centre provides. The form is built from the theme's fields
/// (choices for enums, dates, numbers); what is posted becomes a change event validated by
/// the same ``EventValidator`` as every adapter's and is published to `src.<theme>` as the
/// centre, so the router shares it under the grants like any record. Errors are shown on the
/// form, field by field, and nothing is published.
struct GridWorkerPages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/grid") { _, _, request in try form(request, values: nil, error: nil, published: nil) }
        portal.form(router, "/portal/grid") { _, _, request, form in try await publish(request, form) }
    }

    private var runtime: APIRuntime { portal.runtime }

    /// The themes the signed-in department provides.
    private func themes(_ request: PortalRequest) throws(APIError) -> (String, [Theme]) {
        let department = try Portal.requireDepartment(request)
        let provided = runtime.catalogue.themes.filter { $0.provider == department }
        guard !provided.isEmpty else {
            throw APIError.forbidden(request.t("\(department) 不是任何主题的提供部门；网格员表单只用于本中心提供的主题。",
                                               "\(department) provides no theme: the grid worker form records only themes the centre provides"))
        }
        return (department, provided)
    }

    private func form(_ request: PortalRequest, values: FormBody?, error: EventRejection?, published: String?) throws(APIError) -> Response {
        let (_, provided) = try themes(request)
        let chosen = values?["theme"] ?? request.query("theme")
        let theme = provided.first { $0.id == chosen } ?? provided[0]
        let picker = HTML.join(provided.map { item in
            "<option value=\"\(item.id)\"\(item.id == theme.id ? " selected" as HTML : .empty)>\(request.lang.name(item.title))</option>" as HTML
        })
        let inputs = HTML.join(theme.fields.map { field in
            let id = "f-\(field.name)"
            let value = values?[field.name] ?? (field.type == .date ? String(UTCClock.now().prefix(10)) : "")
            let invalid = error?.field == field.name ? " aria-invalid=\"true\" aria-describedby=\"form-error\"" as HTML : .empty
            let required = field.required ? " required" as HTML : .empty
            let control: HTML
            switch field.type {
            case .enum:
                let options = HTML.join((field.values ?? []).map { option in
                    "<option value=\"\(option)\"\(option == value ? " selected" as HTML : .empty)>\(option)</option>" as HTML
                })
                control = "<select id=\"\(id)\" name=\"\(field.name)\"\(invalid)>\(field.required ? .empty : "<option value=\"\"></option>" as HTML)\(options)</select>"
            case .date:
                control = "<input id=\"\(id)\" name=\"\(field.name)\" type=\"date\" value=\"\(value)\"\(required)\(invalid)>"
            case .integer:
                control = "<input id=\"\(id)\" name=\"\(field.name)\" type=\"number\" step=\"1\" value=\"\(value)\"\(required)\(invalid)>"
            case .boolean:
                control = "<select id=\"\(id)\" name=\"\(field.name)\"\(invalid)><option value=\"\"></option><option value=\"true\"\(value == "true" ? " selected" as HTML : .empty)>true</option><option value=\"false\"\(value == "false" ? " selected" as HTML : .empty)>false</option></select>"
            default:
                let hint = field.name == theme.subject.key ? request.t("（留空则自动编号）", " (left empty: numbered for you)") : ""
                return """
                    <label for="\(id)">\(field.description ?? field.name) <code>\(field.name)</code>\(hint)</label>
                    <input id="\(id)" name="\(field.name)" type="text" size="40" value="\(value)"\(field.name == theme.subject.key ? .empty : required)\(invalid)>
                    """ as HTML
            }
            return "<label for=\"\(id)\">\(field.description ?? field.name) <code>\(field.name)</code></label>\(control)" as HTML
        })
        let alert: HTML = error.map {
            "<p class=\"error\" role=\"alert\" id=\"form-error\"><strong>\($0.code.rawValue)</strong>\($0.field.map { " (\($0))" } ?? ""): \($0.message)</p>" as HTML
        } ?? .empty
        let done: HTML = published.map { "<p class=\"notice\" role=\"status\" id=\"published\">\(request.t("已发布：", "Published: "))\($0)</p>" as HTML } ?? .empty
        return PortalPage.page(request, title: request.t("网格员采集", "Grid worker form"), status: error == nil ? .ok : .badRequest, """
            \(done)\(alert)
            <form method="get" action="/portal/grid" class="filters"><div><label for="theme-pick">\(request.t("主题", "Theme"))</label>
            <select id="theme-pick" name="theme">\(picker)</select></div><div><button type="submit" class="secondary">\(request.t("选择", "Choose"))</button></div></form>
            <form method="post" action="/portal/grid" class="card" id="grid-form">\(request.csrfField)
            <input type="hidden" name="theme" value="\(theme.id)">
            <h2>\(request.lang.name(theme.title))</h2>
            \(inputs)
            <div><button type="submit" id="publish">\(request.t("校验并发布", "Check and publish"))</button></div>
            </form>
            """)
    }

    private func publish(_ request: PortalRequest, _ values: FormBody) async throws -> Response {
        let (department, provided) = try themes(request)
        guard let theme = provided.first(where: { $0.id == values["theme"] }) else {
            throw APIError.forbidden(request.t("\(department) 不提供该主题。", "\(department) does not provide that theme"))
        }
        var fields: [Row.Field] = []
        var subject = values[theme.subject.key] ?? ""
        if subject.isEmpty {
            subject = "V-" + String(UTCClock.now().prefix(10)).replacingOccurrences(of: "-", with: "") + "-" + UUID().uuidString.prefix(8).uppercased()
        }
        for field in theme.fields {
            let text = field.name == theme.subject.key ? subject : values[field.name]
            guard let text else { continue }
            let value: JSONScalar = switch field.type {
            case .integer, .decimal: .number(text)
            case .boolean: text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
            default: .string(text)
            }
            fields.append(Row.Field(name: field.name, value: value))
        }
        let now = UTCClock.now()
        let sequence = Int64((RFC3339.epochMilliseconds(now) ?? 0)) * 1_000 + Int64.random(in: 0..<1_000)
        let event = ChangeEvent.upsert(id: "grid-" + UUID().uuidString.lowercased(), source: department, theme: theme.id, subject: subject,
                                       time: now, sequence: sequence, row: Row(distinctFields: fields))
        do {
            _ = try EventValidator(catalogue: runtime.catalogue).validate(event)
        } catch {
            return try form(request, values: values, error: error, published: nil)
        }
        do {
            let producer = try portal.publisher.producer()
            let report = try await producer.send(ProducerRecord(event: event))
            if let error = report.error { throw error }
        } catch {
            throw APIError.unavailable(request.t("发布失败（代理服务器未确认），请重试：", "not published (the broker did not acknowledge it): try again: ") + String(describing: error).prefix(200))
        }
        runtime.logger.info("grid form published", metadata: ["theme": "\(theme.id)", "department": "\(department)", "event": "\(event.id)"])
        return try form(request, values: nil, error: nil, published: "\(theme.id) \(subject)")
    }
}
