import Foundation
import Hummingbird
import ShuniuCredit
import ShuniuModel

/// Credit publicity (信用公示): search an organisation by name or unified social credit code
/// and see what the public view shows — its administrative licences and penalties under
/// double publicity (双公示), each with its provider and publicity period; the subject itself,
/// signed in with its token, can file an objection against one of its records. Keyless
/// searches share the API's per-address limit. Individuals are never listed.
struct CreditPages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/credit") { _, context, request in try search(request, context) }
        portal.page(router, "/portal/credit/:subject") { _, context, request in
            try subject(request, context, code: try context.parameters.require("subject").uppercased(), notice: nil, refusal: nil)
        }
        portal.form(router, "/portal/credit/:subject/objections") { _, context, request, form in
            try await object(request, context, code: try context.parameters.require("subject").uppercased(), form)
        }
    }

    private var runtime: APIRuntime { portal.runtime }

    private func reader(_ request: PortalRequest) throws(APIError) -> CreditReader {
        guard let credit = runtime.credit else {
            throw APIError.unavailable(request.t("本门户启动时未提供信用库（shuniu serve --credit-library 文件）。", "this portal was started without a credit library (shuniu serve --credit-library FILE)"))
        }
        return credit
    }

    private func limit(_ request: PortalRequest, _ context: APIContext) throws(APIError) {
        guard request.session == nil, case .limited(let seconds) = runtime.publicLimiter.take(context.clientAddress) else { return }
        throw APIError(.tooManyRequests, "rate-limited", request.t("查询过于频繁，请 \(seconds) 秒后再试。", "too many searches from this address: try again in \(seconds) s"),
                       retryAfter: seconds)
    }

    private func search(_ request: PortalRequest, _ context: APIContext) throws -> Response {
        let query = request.query("q")
        var results: HTML = .empty
        if let query {
            if (try? CreditCode(validating: query.uppercased())) != nil {
                return PortalPage.redirect("/portal/credit/\(query.uppercased())")
            }
            try limit(request, context)
            let views = try reader(request).search(name: query, on: WorkspacePages.today())
            let rows = HTML.join(views.map { view in
                """
                <tr><td><a href="/portal/credit/\(view.subject)">\(Self.name(of: view) ?? view.subject)</a></td><td><code>\(view.subject)</code></td>
                <td class="num">\(view.entries.filter { $0.creditClass != .penalty }.count)</td><td class="num">\(view.entries.filter { $0.creditClass == .penalty }.count)</td></tr>
                """ as HTML
            })
            results = views.isEmpty ? "<p id=\"results\">\(request.t("没有名称含“\(query)”的公示主体。", "No organisation shown under “\(query)”."))</p>"
                : """
                <table id="results"><thead><tr><th>\(request.t("名称", "Name"))</th><th>\(request.t("统一社会信用代码", "Credit code"))</th>
                <th class="num">\(request.t("许可等", "Licences etc."))</th><th class="num">\(request.t("处罚", "Penalties"))</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        return PortalPage.page(request, title: request.t("信用公示", "Credit publicity"), """
            <form class="filters" method="get" action="/portal/credit" role="search">
            <div><label for="q">\(request.t("名称或统一社会信用代码", "Name or unified social credit code"))</label>
            <input id="q" name="q" type="text" size="40" value="\(query ?? "")" minlength="2"></div>
            <div><button type="submit">\(request.t("查询", "Search"))</button></div></form>
            \(results)
            """)
    }

    private func subject(_ request: PortalRequest, _ context: APIContext, code: String, notice: String?, refusal: APIError?) throws -> Response {
        guard (try? CreditCode(validating: code)) != nil else {
            throw APIError(.badRequest, "bad-identifier", request.t("\(code.prefix(40)) 不是有效的统一社会信用代码（GB 32100）；公示只针对组织。",
                                                                     "\(code.prefix(40)) is not a valid unified social credit code (GB 32100); publicity covers organisations only"))
        }
        try limit(request, context)
        let view = try reader(request).publicView(code, on: WorkspacePages.today())
        let licences = view.entries.filter { $0.creditClass != .penalty }
        let penalties = view.entries.filter { $0.creditClass == .penalty }
        let isSubject = request.citizen == code
        var objection: HTML = .empty
        if isSubject, !view.entries.isEmpty {
            let options = HTML.join(view.entries.map { "<option value=\"\($0.record)\">\($0.record)</option>" as HTML })
            objection = """
                <h2 id="object">\(request.t("提出异议", "File an objection"))</h2>
                <form method="post" action="/portal/credit/\(code)/objections" class="card">\(request.csrfField)
                <label for="record">\(request.t("异议记录", "Record"))</label><select id="record" name="record">\(options)</select>
                <label for="reason">\(request.t("理由（必填）", "Reason (required)"))</label><textarea id="reason" name="reason" rows="3" required></textarea>
                <p class="help">\(request.t("提供部门须在 15 个工作日内作出决定；异议期间记录标注“有异议”。", "The provider decides within 15 working days; meanwhile the record is marked disputed."))</p>
                <div><button type="submit" id="file-objection">\(request.t("提交异议", "File the objection"))</button></div></form>
                """
        } else if !view.entries.isEmpty {
            objection = "<p class=\"help\">\(request.t("本主体可登录（主体令牌）后对其记录提出异议。", "The organisation itself can sign in (with its token) to object to a record."))</p>"
        }
        let banner: HTML = notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty
        let error: HTML = refusal.map { "<p class=\"error\" role=\"alert\"><strong>\($0.code)</strong>: \($0.message)</p>" as HTML } ?? .empty
        return PortalPage.page(request, title: (Self.name(of: view) ?? code), status: refusal?.status ?? .ok, """
            \(banner)\(error)
            <p>\(request.t("统一社会信用代码", "Unified social credit code")) <code>\(code)</code> · \(request.t("公示日期", "As of")) \(view.on.description)</p>
            <h2 id="licences">\(request.t("行政许可等信息", "Licences and registrations"))</h2>\(entries(licences, request))
            <h2 id="penalties">\(request.t("行政处罚信息", "Administrative penalties"))</h2>\(entries(penalties, request))
            \(objection)
            """)
    }

    private func entries(_ entries: [CreditEntry], _ request: PortalRequest) -> HTML {
        guard !entries.isEmpty else { return "<p>\(request.t("无公示记录。", "Nothing under publicity."))</p>" }
        let rows = HTML.join(entries.map { entry in
            let fields = entry.fields.fields.map { "\($0.name): \($0.value.stringValue ?? $0.value.numberText ?? "")" }.joined(separator: "; ")
            return """
                <tr><td><code>\(entry.record)</code></td><td>\(entry.date ?? "—")</td><td>\(runtime.catalogue.department(entry.department).map { request.lang.name($0.name) } ?? entry.department)</td>
                <td>\(entry.publicityUntil ?? "—")</td><td>\(entry.disputed ? request.t("有异议", "disputed") : "")</td><td>\(fields)</td></tr>
                """ as HTML
        })
        return """
            <table><thead><tr><th>\(request.t("记录", "Record"))</th><th>\(request.t("日期", "Date"))</th><th>\(request.t("提供部门", "Provider"))</th>
            <th>\(request.t("公示期至", "Publicity until"))</th><th>\(request.t("异议", "Objection"))</th><th>\(request.t("公示内容", "What is published"))</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    private func object(_ request: PortalRequest, _ context: APIContext, code: String, _ form: FormBody) async throws -> Response {
        guard request.citizen == code else {
            throw APIError.forbidden(request.t("只有主体本人（以其令牌登录）可对其记录提出异议。", "only the organisation itself, signed in with its token, can object to its records"))
        }
        guard let secret = runtime.config.secret else { throw APIError.unavailable("no hub secret") }
        let credit = try reader(request)
        guard let recordID = form["record"], let record = try credit.lookup.record(recordID), record.subject == code else {
            return try subject(request, context, code: code, notice: nil,
                               refusal: APIError.badRequest(request.t("请选择本主体的一条记录。", "choose one of this organisation's records")))
        }
        guard let reason = form["reason"] else {
            return try subject(request, context, code: code, notice: nil,
                               refusal: APIError(.badRequest, "reason-required", request.t("异议须说明理由。", "an objection needs its reason")))
        }
        if let open = try credit.lookup.objections(subject: nil, record: recordID).first(where: { $0.state.isOpen }) {
            return try subject(request, context, code: code, notice: nil,
                               refusal: APIError(.conflict, "objection-open", request.t("对该记录的异议 \(open.id) 尚在处理中。", "objection \(open.id) against this record is still open")))
        }
        let step = ObjectionEvent(id: "step-" + UUID().uuidString.prefix(8).lowercased(), objection: "obj-" + UUID().uuidString.prefix(8).lowercased(),
                                  kind: .filed, by: code, at: UTCClock.now(), subject: code, record: recordID,
                                  recordSequence: record.lineage.sequence, reason: String(reason.prefix(2_000)))
        do {
            _ = try ObjectionRules(catalogue: runtime.catalogue).apply(step, to: nil)
        } catch {
            return try subject(request, context, code: code, notice: nil, refusal: APIError(.badRequest, error.code, error.message))
        }
        do {
            let signer = ControlSigner.hub(secret, via: "portal-key:\(request.session?.user.keyID ?? "")")
            try await ObjectionLog(client: runtime.config.client).append([step.signed(by: signer)])
        } catch {
            throw APIError.unavailable(request.t("异议未能写入（代理服务器不可达），请稍后重试。", "the objection could not be written (the broker is not reachable): try again shortly"))
        }
        return try subject(request, context, code: code,
                           notice: request.t("已提交异议 \(step.objection)，提供部门须在 15 个工作日内作出决定。", "Objection \(step.objection) filed: the provider decides within 15 working days."),
                           refusal: nil)
    }

    /// The organisation's name as its published records show it.
    static func name(of view: CreditView) -> String? {
        for entry in view.entries {
            for candidate in ["holder_name", "offender_name", "name", "entity_name"] {
                if let name = entry.fields[candidate]?.stringValue, !name.isEmpty { return name }
            }
        }
        return nil
    }
}
