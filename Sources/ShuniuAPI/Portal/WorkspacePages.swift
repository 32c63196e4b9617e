import Hummingbird
import ShuniuModel

/// The department workspace: my grants, the queue of applications for my themes, the
/// arbitration queue (for the arbitration body), overdue applications, the application form
/// and each grant's page with its decisions. Every step goes through ``GrantWorkflow`` and
/// is appended to `ctl.grants` signed by the hub for the signed-in key, as the API's.
struct WorkspacePages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/workspace") { _, _, request in try home(request) }
        portal.page(router, "/portal/workspace/queue/:department") { _, context, request in
            try queue(request, of: try context.parameters.require("department"))
        }
        portal.page(router, "/portal/workspace/apply") { _, _, request in
            let department = try Portal.requireDepartment(request)
            return applyForm(request, department: department, form: nil, refusal: nil)
        }
        portal.form(router, "/portal/workspace/apply") { _, _, request, form in try await apply(request, form) }
        portal.page(router, "/portal/workspace/grants/:id") { _, context, request in
            try grantPage(request, id: try context.parameters.require("id"), notice: nil, refusal: nil)
        }
        for step in ["approve", "reject", "arbitrate", "revoke"] {
            portal.form(router, RouterPath("/portal/workspace/grants/:id/\(step)")) { _, context, request, form in
                try await decide(request, id: try context.parameters.require("id"), step: step, form)
            }
        }
    }

    private var runtime: APIRuntime { portal.runtime }
    private var catalogue: Catalogue { runtime.catalogue }
    private var workflow: GrantWorkflow { GrantWorkflow(catalogue: catalogue) }

    private func home(_ request: PortalRequest) throws(APIError) -> Response {
        let department = try Portal.requireDepartment(request)
        let table = runtime.grants.table
        let mine = table.all.filter { $0.subscriber == department }
        let waiting = table.all.filter { $0.state == .applied && catalogue.theme($0.theme)?.provider == department }
        let overdue = workflow.overdue(table, today: Self.today()).filter {
            $0.subscriber == department || catalogue.theme($0.theme)?.provider == department
        }
        let isArbitrator = department == catalogue.arbitration.id
        let name = catalogue.department(department).map { request.lang.name($0.name) } ?? department
        return PortalPage.page(request, title: request.t("部门工作台：", "Workspace: ") + name, """
            <p><a href="/portal/workspace/apply">\(request.t("申请共享授权", "Apply for a grant"))</a> ·
            <a href="/portal/workspace/queue/\(department)">\(request.t("待我审核的申请（\(waiting.count)）", "Applications waiting for my decision (\(waiting.count))"))</a>
            \(isArbitrator ? " · <a href=\"/portal/workspace/queue/\(department)#arbitration\">\(request.t("仲裁队列", "Arbitration queue"))</a>" as HTML : .empty)</p>
            <h2 id="mine">\(request.t("本部门的授权", "My grants"))</h2>
            \(grantTable(mine, request, empty: request.t("尚无授权。", "No grants yet.")))
            <h2 id="overdue">\(request.t("超期未办的申请（超过 5 个工作日）", "Overdue applications (over 5 working days)"))</h2>
            \(grantTable(overdue, request, empty: request.t("没有超期的申请。", "No overdue applications.")))
            """)
    }

    private func queue(_ request: PortalRequest, of owner: String) throws(APIError) -> Response {
        let department = try Portal.requireDepartment(request)
        guard owner == department else {
            throw APIError.forbidden(request.t("这是 \(owner.prefix(60)) 的审核队列；\(department) 只能查看本部门的队列。",
                                               "this is the queue of \(owner.prefix(60)); \(department) sees only its own queue"))
        }
        let table = runtime.grants.table
        let waiting = table.all.filter { $0.state == .applied && catalogue.theme($0.theme)?.provider == department }
        var body: HTML = """
            <h2 id="provider">\(request.t("待我审核的申请", "Applications waiting for my decision"))</h2>
            \(grantTable(waiting, request, empty: request.t("没有待审核的申请。", "Nothing waiting.")))
            """
        if department == catalogue.arbitration.id {
            let disputed = table.all.filter { $0.state == .rejected }
            body += """
                <h2 id="arbitration">\(request.t("仲裁队列（被拒绝的申请）", "Arbitration queue (refused applications)"))</h2>
                \(grantTable(disputed, request, empty: request.t("没有待仲裁的争议。", "No disputes.")))
                """
        }
        return PortalPage.page(request, title: request.t("审核队列", "Queue"), body)
    }

    private func grantTable(_ grants: [Grant], _ request: PortalRequest, empty: String) -> HTML {
        guard !grants.isEmpty else { return "<p>\(empty)</p>" }
        let rows = HTML.join(grants.map { grant in
            """
            <tr><td><a href="/portal/workspace/grants/\(grant.id)">\(grant.id)</a></td><td>\(themeName(grant.theme, request))</td>
            <td>\(grant.subscriber)</td><td><code>\(grant.application.function)</code></td><td>\(Self.state(grant, request))</td>
            <td>\(grant.deliveredFields.joined(separator: ", "))</td><td>\(grant.application.until ?? "—")</td></tr>
            """ as HTML
        })
        return """
            <table><thead><tr><th>\(request.t("授权编号", "Grant"))</th><th>\(request.t("主题", "Theme"))</th><th>\(request.t("申请部门", "Subscriber"))</th>
            <th>\(request.t("职能", "Function"))</th><th>\(request.t("状态", "State"))</th><th>\(request.t("字段", "Fields"))</th><th>\(request.t("有效期至", "Until"))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The application form: pick the theme (the page reloads with its fields), the function,
    /// the basis, the fields and their masks, an end date and, for investigative functions,
    /// a notice delay. A refusal is shown above the form with the workflow's code.
    private func applyForm(_ request: PortalRequest, department: String, form: FormBody?, refusal: APIError?) -> Response {
        let chosen = form?["theme"] ?? request.query("theme")
        let theme = chosen.flatMap { catalogue.theme($0) }
        let holder = catalogue.department(department)
        let themes = HTML.join(catalogue.themes.filter { $0.share.type != .none }.map { item in
            "<option value=\"\(item.id)\"\(item.id == theme?.id ? " selected" as HTML : .empty)>\(request.lang.name(item.title)) (\(item.id))</option>" as HTML
        })
        var body: HTML = refusal.map { "<p class=\"error\" role=\"alert\" id=\"refusal\"><strong>\($0.code)</strong>: \($0.message)</p>" as HTML } ?? .empty
        body += """
            <form method="get" action="/portal/workspace/apply" class="card">
            <label for="theme-pick">\(request.t("主题", "Theme"))</label>
            <select id="theme-pick" name="theme">\(themes)</select>
            <button type="submit" class="secondary">\(request.t("选择此主题", "Choose this theme"))</button>
            </form>
            """
        guard let theme else { return PortalPage.page(request, title: request.t("申请共享授权", "Apply for a grant"), body) }
        let wanted = Set(form?.all("fields") ?? [])
        let functions = HTML.join((holder?.functions ?? []).map { function in
            let selected = function == form?["function"] ? " selected" as HTML : .empty
            let entitled = theme.entitles(function) ? "" : request.t("（本主题未授予此职能）", " (not entitled by this theme)")
            return "<option value=\"\(function)\"\(selected)>\(function)\(entitled)</option>" as HTML
        })
        let fields = HTML.join(theme.fields.map { field in
            let id = "field-\(field.name)"
            let key = field.name == theme.subject.key
            let checked = wanted.contains(field.name) || key ? " checked" as HTML : .empty
            let mask = form?["mask-\(field.name)"] ?? ""
            let options = HTML.join(["", "partial", "pseudonym", "year", "drop"].map { rule in
                "<option value=\"\(rule)\"\(rule == mask ? " selected" as HTML : .empty)>\(rule.isEmpty ? request.t("不脱敏", "clear") : rule)</option>" as HTML
            })
            return """
                <tr><td><input type="checkbox" id="\(id)" name="fields" value="\(field.name)"\(checked)> <label class="inline" for="\(id)"><code>\(field.name)</code></label></td>
                <td>\(CataloguePages.label(field.sensitivity, request))</td><td>\(field.description ?? "")</td>
                <td><label class="visually-hidden" for="mask-\(field.name)">\(request.t("脱敏", "Mask")) \(field.name)</label><select id="mask-\(field.name)" name="mask-\(field.name)">\(options)</select></td></tr>
                """ as HTML
        })
        let delay: HTML = catalogue.noticeDelayFunctions.isEmpty ? .empty : """
            <label for="notice-delay">\(request.t("告知延迟（天，仅限侦查类职能：", "Notice delay (days; investigative functions only: "))\(catalogue.noticeDelayFunctions.joined(separator: ", "))）</label>
            <input id="notice-delay" name="notice-delay" type="number" min="1" max="\(Catalogue.maximumNoticeDelayDays)" value="\(form?["notice-delay"] ?? "")">
            <p class="help">\(request.t("当事人的数据使用记录在延迟期满后才显示依本授权的交付和查询。", "The subject's data use record shows deliveries and reads under this grant only after the delay."))</p>
            """
        body += """
            <form method="post" action="/portal/workspace/apply" class="card" id="apply">
            \(request.csrfField)
            <input type="hidden" name="theme" value="\(theme.id)">
            <h2>\(request.lang.name(theme.title))</h2>
            <p>\(request.t("提供部门：", "Provider: "))\(catalogue.department(theme.provider).map { request.lang.name($0.name) } ?? theme.provider)</p>
            <label for="function">\(request.t("法定职能", "Legal function"))</label>
            <select id="function" name="function">\(functions)</select>
            <p class="help">\(request.t("本主题授予的职能：", "Functions this theme entitles: "))\(theme.functions.joined(separator: ", "))</p>
            <label for="basis">\(request.t("法律依据", "Legal basis"))</label>
            <input id="basis" name="basis" type="text" size="60" value="\(form?["basis"] ?? "")">
            <fieldset><legend>\(request.t("所需字段及脱敏方式", "Fields needed and their masks"))</legend>
            <table><thead><tr><th>\(request.t("字段", "Field"))</th><th>\(request.t("敏感级别", "Sensitivity"))</th><th>\(request.t("说明", "Description"))</th><th>\(request.t("脱敏", "Mask"))</th></tr></thead>
            <tbody>\(fields)</tbody></table></fieldset>
            <label for="until">\(request.t("有效期至（可选）", "Valid until (optional)"))</label>
            <input id="until" name="until" type="date" value="\(form?["until"] ?? "")">
            \(delay)
            <div><button type="submit" id="submit-application">\(request.t("提交申请", "Send the application"))</button></div>
            </form>
            """
        return PortalPage.page(request, title: request.t("申请共享授权", "Apply for a grant"), status: refusal?.status ?? .ok, body)
    }

    private func apply(_ request: PortalRequest, _ form: FormBody) async throws -> Response {
        let department = try Portal.requireDepartment(request)
        guard let theme = form["theme"] else {
            return applyForm(request, department: department, form: form, refusal: APIError.badRequest(request.t("请选择主题。", "choose a theme")))
        }
        var delay: Int?
        if let text = form["notice-delay"] {
            guard let days = Int(text) else {
                return applyForm(request, department: department, form: form,
                                 refusal: APIError(.badRequest, GrantRefusal.Code.badNoticeDelay.rawValue, request.t("告知延迟须为天数。", "the notice delay is a number of days")))
            }
            delay = days
        }
        let fields = form.all("fields")
        var masks: [String: String] = [:]
        for field in fields { if let rule = form["mask-\(field)"] { masks[field] = rule } }
        if let key = catalogue.theme(theme)?.subject.key, let rule = form["mask-\(key)"] { masks[key] = rule }
        let application = GrantApplication(subscriber: department, theme: theme, function: form["function"] ?? "",
                                           basis: form["basis"] ?? "", fields: fields, masks: masks, scope: [:],
                                           until: form["until"], noticeDelayDays: delay)
        let id = GrantRoutes.newID()
        do {
            _ = try await GrantRoutes.record(runtime, apiKey: request.session?.user.keyID) { table throws(GrantRefusal) in
                try workflow.apply(application, id: id, at: UTCClock.now(), table: table)
            }
        } catch {
            return applyForm(request, department: department, form: form, refusal: error)
        }
        return PortalPage.redirect("/portal/workspace/grants/\(id)?sent=1")
    }

    private func grantPage(_ request: PortalRequest, id: String, notice: String?, refusal: APIError?) throws(APIError) -> Response {
        let department = try Portal.requireDepartment(request)
        guard let grant = runtime.grants.table.grant(id) else {
            if request.query("sent") != nil {
                return PortalPage.page(request, title: request.t("申请已提交", "Application sent"),
                                       "<p class=\"notice\">\(request.t("申请已写入授权日志，正在读回；请稍后刷新本页。", "The application is written to the grant log and being read back: reload this page shortly."))</p>")
            }
            throw APIError(.notFound, "unknown-grant", request.t("没有授权 \(id.prefix(40))。", "no grant \(id.prefix(40))"))
        }
        let provider = catalogue.theme(grant.theme)?.provider
        guard department == grant.subscriber || department == provider || department == catalogue.arbitration.id else {
            throw APIError.forbidden(request.t("授权 \(grant.id) 是 \(grant.subscriber) 与 \(grant.theme) 提供部门之间的；\(department) 不是当事方。",
                                               "grant \(grant.id) is between \(grant.subscriber) and the provider of \(grant.theme); \(department) is not a party"))
        }
        let history = HTML.join(grant.history.map { event in
            "<tr><td>\(event.at)</td><td>\(event.kind.rawValue)</td><td>\(event.by)</td><td>\(event.reason ?? "")</td></tr>" as HTML
        })
        var actions: HTML = .empty
        let reason: HTML = """
            <label for="reason">\(request.t("理由", "Reason"))</label><input id="reason" name="reason" type="text" size="60">
            """
        if grant.state == .applied, department == provider {
            actions += """
                <form method="post" action="/portal/workspace/grants/\(grant.id)/approve" class="card">\(request.csrfField)
                \(reason)<div><button type="submit" id="approve">\(request.t("批准", "Approve"))</button></div></form>
                <form method="post" action="/portal/workspace/grants/\(grant.id)/reject" class="card">\(request.csrfField)
                <label for="reject-reason">\(request.t("拒绝理由（必填）", "Reason for refusing (required)"))</label><input id="reject-reason" name="reason" type="text" size="60">
                <div><button type="submit" id="reject">\(request.t("拒绝", "Reject"))</button></div></form>
                """
        }
        if grant.state == .rejected, department == catalogue.arbitration.id {
            actions += """
                <form method="post" action="/portal/workspace/grants/\(grant.id)/arbitrate" class="card">\(request.csrfField)
                <fieldset><legend>\(request.t("仲裁决定", "Ruling"))</legend>
                <label><input type="radio" name="approve" value="true" required> \(request.t("支持申请（批准）", "Uphold the application (approve)"))</label>
                <label><input type="radio" name="approve" value="false"> \(request.t("维持拒绝", "Confirm the refusal"))</label></fieldset>
                <label for="arbitration-reason">\(request.t("理由（必填）", "Reason (required)"))</label><input id="arbitration-reason" name="reason" type="text" size="60">
                <div><button type="submit" id="arbitrate">\(request.t("作出仲裁", "Rule"))</button></div></form>
                """
        }
        if grant.state == .approved, department == grant.subscriber || department == provider {
            actions += """
                <form method="post" action="/portal/workspace/grants/\(grant.id)/revoke" class="card">\(request.csrfField)
                \(reason)<div><button type="submit" id="revoke" class="secondary">\(request.t("吊销授权", "Revoke the grant"))</button></div></form>
                """
        }
        let sent = request.query("sent") != nil ? request.t("申请已提交。", "Application sent.") : nil
        let banner: HTML = (notice ?? sent).map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML } ?? .empty
        let error: HTML = refusal.map { "<p class=\"error\" role=\"alert\" id=\"refusal\"><strong>\($0.code)</strong>: \($0.message)</p>" as HTML } ?? .empty
        return PortalPage.page(request, title: request.t("授权 ", "Grant ") + grant.id, status: refusal?.status ?? .ok, """
            \(banner)\(error)
            <table class="facts"><tbody>
            <tr><th>\(request.t("状态", "State"))</th><td id="state">\(Self.state(grant, request))</td></tr>
            <tr><th>\(request.t("主题", "Theme"))</th><td><a href="/portal/catalogue/\(grant.theme)">\(themeName(grant.theme, request))</a></td></tr>
            <tr><th>\(request.t("申请部门", "Subscriber"))</th><td>\(grant.subscriber)</td></tr>
            <tr><th>\(request.t("职能", "Function"))</th><td><code>\(grant.application.function)</code></td></tr>
            <tr><th>\(request.t("法律依据", "Legal basis"))</th><td>\(grant.application.basis)</td></tr>
            <tr><th>\(request.t("交付字段", "Fields delivered"))</th><td>\(grant.deliveredFields.joined(separator: ", "))</td></tr>
            <tr><th>\(request.t("脱敏", "Masks"))</th><td>\(grant.masks.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))</td></tr>
            <tr><th>\(request.t("有效期至", "Until"))</th><td>\(grant.application.until ?? "—")</td></tr>
            <tr><th>\(request.t("告知延迟", "Notice delay"))</th><td>\(grant.application.noticeDelayDays.map { request.t("\($0) 天", "\($0) days") } ?? "—")</td></tr>
            </tbody></table>
            \(actions)
            <h2>\(request.t("流转记录", "History"))</h2>
            <table><thead><tr><th>\(request.t("时间", "Time"))</th><th>\(request.t("步骤", "Step"))</th><th>\(request.t("操作方", "By"))</th><th>\(request.t("理由", "Reason"))</th></tr></thead><tbody>\(history)</tbody></table>
            <p><a href="/portal/workspace">\(request.t("返回工作台", "Back to the workspace"))</a></p>
            """)
    }

    private func decide(_ request: PortalRequest, id: String, step: String, _ form: FormBody) async throws -> Response {
        let department = try Portal.requireDepartment(request)
        let now = UTCClock.now()
        let workflow = workflow
        do {
            _ = try await GrantRoutes.record(runtime, apiKey: request.session?.user.keyID) { table throws(GrantRefusal) in
                switch step {
                case "approve": [try workflow.decide(id, approve: true, by: department, reason: form["reason"], at: now, table: table)]
                case "reject": [try workflow.decide(id, approve: false, by: department, reason: form["reason"], at: now, table: table)]
                case "arbitrate":
                    [try workflow.arbitrate(id, approve: form["approve"] == "true", reason: form["reason"] ?? "", at: now, table: table)]
                default: [try workflow.revoke(id, by: department, reason: form["reason"] ?? "", at: now, table: table)]
                }
            }
        } catch {
            return try grantPage(request, id: id, notice: nil, refusal: error)
        }
        // Read back what was written, so the page shows the new state.
        try? await runtime.grants.catchUp()
        return PortalPage.redirect("/portal/workspace/grants/\(id)")
    }

    private func themeName(_ id: String, _ request: PortalRequest) -> String {
        catalogue.theme(id).map { request.lang.name($0.title) } ?? id
    }

    static func state(_ grant: Grant, _ request: PortalRequest) -> String {
        switch grant.state {
        case .applied: request.t("待审核", "waiting for the provider")
        case .approved: grant.isInForce(on: today()) ? request.t("生效中", "in force") : request.t("已过期", "expired")
        case .rejected: request.t("已拒绝", "rejected")
        case .revoked: request.t("已吊销", "revoked")
        }
    }

    static func today() -> CalendarDate { UTCClock.day() }
}
