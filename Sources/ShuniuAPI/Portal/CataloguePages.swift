import Hummingbird
import ShuniuAudit
import ShuniuModel

/// The catalogue (共享目录): every theme, searchable and filtered by department, class,
/// share type and open type; a theme's page shows its fields with their sensitivity, the
/// provider, the update frequency, the functions entitled and its freshness.
struct CataloguePages {
    let portal: Portal

    func register(on router: Router<APIContext>) {
        portal.page(router, "/portal/catalogue") { _, _, request in list(request) }
        portal.page(router, "/portal/catalogue/:theme") { _, context, request in
            try await theme(request, id: try context.parameters.require("theme"))
        }
    }

    private var catalogue: Catalogue { portal.runtime.catalogue }

    private func list(_ request: PortalRequest) -> Response {
        let text = request.query("q")?.lowercased()
        let department = request.query("department")
        let themeClass = request.query("class").flatMap(ThemeClass.init(rawValue:))
        let share = request.query("share").flatMap(ShareType.init(rawValue:))
        let open = request.query("open").flatMap(OpenType.init(rawValue:))
        let themes = catalogue.themes.filter { theme in
            (department == nil || theme.provider == department)
                && (themeClass == nil || theme.themeClass == themeClass)
                && (share == nil || theme.share.type == share)
                && (open == nil || theme.open == open)
                && (text.map { needle in
                    [theme.id, theme.title.zh, theme.title.en.lowercased(), theme.description?.lowercased() ?? ""]
                        .contains { $0.contains(needle) } || theme.fields.contains { $0.name.contains(needle) }
                } ?? true)
        }
        let rows = HTML.join(themes.map { theme in
            """
            <tr><td><a href="/portal/catalogue/\(theme.id)">\(request.lang.name(theme.title))</a><br><code>\(theme.id)</code></td>
            <td>\(departmentName(theme.provider, request))</td><td>\(Self.label(theme.themeClass, request))</td>
            <td>\(Self.label(theme.share.type, request))</td><td>\(Self.label(theme.open, request))</td>
            <td>\(Self.label(theme.update, request))</td><td class="num">\(theme.fields.count)</td></tr>
            """ as HTML
        })
        return PortalPage.page(request, title: request.t("共享目录", "Catalogue"), """
            <form class="filters" method="get" action="/portal/catalogue" role="search">
            <div><label for="q">\(request.t("关键词", "Search"))</label><input id="q" name="q" type="text" value="\(request.query("q") ?? "")"></div>
            <div><label for="department">\(request.t("提供部门", "Provider"))</label>\(select("department", catalogue.departments.filter { d in catalogue.themes.contains { $0.provider == d.id } }.map { ($0.id, request.lang.name($0.name)) }, department, request))</div>
            <div><label for="class">\(request.t("类别", "Class"))</label>\(select("class", ThemeClass.allCases.map { ($0.rawValue, Self.label($0, request)) }, themeClass?.rawValue, request))</div>
            <div><label for="share">\(request.t("共享类型", "Share type"))</label>\(select("share", ShareType.allCases.map { ($0.rawValue, Self.label($0, request)) }, share?.rawValue, request))</div>
            <div><label for="open">\(request.t("开放类型", "Open type"))</label>\(select("open", OpenType.allCases.map { ($0.rawValue, Self.label($0, request)) }, open?.rawValue, request))</div>
            <div><button type="submit">\(request.t("检索", "Search"))</button></div>
            </form>
            <p id="count">\(request.t("共 \(themes.count) 个主题", "\(themes.count) themes"))</p>
            <table><thead><tr><th>\(request.t("主题", "Theme"))</th><th>\(request.t("提供部门", "Provider"))</th><th>\(request.t("类别", "Class"))</th>
            <th>\(request.t("共享类型", "Share type"))</th><th>\(request.t("开放类型", "Open type"))</th><th>\(request.t("更新频率", "Updated"))</th><th class="num">\(request.t("字段数", "Fields"))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
    }

    private func theme(_ request: PortalRequest, id: String) async throws -> Response {
        guard let theme = catalogue.theme(id) else {
            throw APIError.notFound(request.t("目录中没有主题 \(id.prefix(60))；请从目录列表选择。", "the catalogue has no theme \(id.prefix(60)); pick one from the catalogue"))
        }
        let fields = HTML.join(theme.fields.map { field in
            let level = field.sensitivity >= .sensitive ? "high" : field.sensitivity == .internal ? "medium" : "low"
            return """
                <tr><td><code>\(field.name)</code>\(field.name == theme.subject.key ? " 🔑" as HTML : .empty)</td><td>\(field.type.rawValue)</td>
                <td>\(field.required ? request.t("是", "yes") : request.t("否", "no"))</td>
                <td><span class="tag \(level)">\(Self.label(field.sensitivity, request))</span></td><td>\(field.description ?? "")</td></tr>
                """ as HTML
        })
        let functions = HTML.join(theme.functions.map { function in
            let holders = catalogue.departments.filter { $0.functions.contains(function) }.map { request.lang.name($0.name) }
            return "<li><code>\(function)</code> — \(holders.joined(separator: "、"))</li>" as HTML
        })
        let freshness: HTML
        do {
            let evaluation = try await portal.figures.evaluation.value()
            if let fresh = evaluation.departments.flatMap(\.freshness).first(where: { $0.theme == theme.id }) {
                freshness = """
                    <p id="freshness">\(fresh.late ? "<span class=\"tag high\">" as HTML : "<span class=\"tag low\">" as HTML)\(fresh.late ? request.t("更新滞后", "late") : request.t("按时更新", "on time"))</span>
                    \(request.t("更新 \(fresh.updates) 次，最近一次 \(fresh.last ?? "—")，最长间隔 \(fresh.longestGap / 3_600) 小时，滞后周期 \(fresh.latePeriods) 个（截至 \(evaluation.asOf ?? "—")）。",
                                "\(fresh.updates) updates, last \(fresh.last ?? "—"), longest gap \(fresh.longestGap / 3_600) h, \(fresh.latePeriods) late periods (as of \(evaluation.asOf ?? "—")).")) </p>
                    """
            } else {
                freshness = "<p id=\"freshness\">\(request.t("暂无更新记录。", "No updates recorded yet."))</p>"
            }
        } catch {
            freshness = "<p id=\"freshness\" class=\"error\">\(request.t("暂时无法读取评估数据：", "The evaluation cannot be read now: "))\(String(describing: error).prefix(200))</p>"
        }
        let apply: HTML = theme.share.type == .none ? "<p class=\"error\">\(request.t("本主题不予共享：", "This theme is not shared: "))\(theme.share.condition ?? "")</p>"
            : "<p><a href=\"/portal/workspace/apply?theme=\(theme.id)\">\(request.t("申请共享此主题", "Apply for this theme"))</a></p>"
        return PortalPage.page(request, title: request.lang.name(theme.title), """
            <p>\(theme.description ?? "")</p>
            <table class="facts"><tbody>
            <tr><th>\(request.t("主题代码", "Theme id"))</th><td><code>\(theme.id)</code></td></tr>
            <tr><th>\(request.t("提供部门（权威来源）", "Provider (the authoritative source)"))</th><td>\(departmentName(theme.provider, request))</td></tr>
            <tr><th>\(request.t("类别", "Class"))</th><td>\(Self.label(theme.themeClass, request))</td></tr>
            <tr><th>\(request.t("主体", "Subject"))</th><td>\(theme.subject.kind.rawValue) · <code>\(theme.subject.key)</code></td></tr>
            <tr><th>\(request.t("共享类型", "Share type"))</th><td>\(Self.label(theme.share.type, request))\(theme.share.condition.map { "：\($0)" } ?? "")</td></tr>
            <tr><th>\(request.t("开放类型", "Open type"))</th><td>\(Self.label(theme.open, request))</td></tr>
            <tr><th>\(request.t("更新频率", "Update frequency"))</th><td>\(Self.label(theme.update, request))</td></tr>
            </tbody></table>
            <h2>\(request.t("时效", "Freshness"))</h2>\(freshness)
            <h2>\(request.t("有权使用的法定职能", "Functions entitled"))</h2><ul id="functions">\(functions)</ul>
            \(apply)
            <h2>\(request.t("字段", "Fields"))</h2>
            <table id="fields"><thead><tr><th>\(request.t("字段", "Field"))</th><th>\(request.t("类型", "Type"))</th><th>\(request.t("必填", "Required"))</th>
            <th>\(request.t("敏感级别", "Sensitivity"))</th><th>\(request.t("说明", "Description"))</th></tr></thead><tbody>\(fields)</tbody></table>
            """)
    }

    func departmentName(_ id: String, _ request: PortalRequest) -> String {
        catalogue.department(id).map { request.lang.name($0.name) } ?? id
    }

    private func select(_ name: String, _ options: [(String, String)], _ chosen: String?, _ request: PortalRequest) -> HTML {
        let items = HTML.join(options.map { value, label in
            "<option value=\"\(value)\"\(value == chosen ? " selected" as HTML : .empty)>\(label)</option>" as HTML
        })
        return "<select id=\"\(name)\" name=\"\(name)\"><option value=\"\">\(request.t("全部", "All"))</option>\(items)</select>"
    }

    static func label(_ value: ThemeClass, _ request: PortalRequest) -> String {
        switch value {
        case .basePerson: request.t("人口基础库", "Base person library")
        case .baseLegal: request.t("法人基础库", "Base legal-entity library")
        case .department: request.t("部门主题", "Department theme")
        case .special: request.t("专题", "Special theme")
        }
    }

    static func label(_ value: ShareType, _ request: PortalRequest) -> String {
        switch value {
        case .unconditional: request.t("无条件共享", "Unconditional")
        case .conditional: request.t("有条件共享", "Conditional")
        case .none: request.t("不予共享", "Not shared")
        }
    }

    static func label(_ value: OpenType, _ request: PortalRequest) -> String {
        switch value {
        case .open: request.t("无条件开放", "Open")
        case .conditional: request.t("有条件开放", "Conditional")
        case .closed: request.t("不予开放", "Closed")
        }
    }

    static func label(_ value: UpdateFrequency, _ request: PortalRequest) -> String {
        switch value {
        case .realtime: request.t("实时", "Real time")
        case .daily: request.t("每日", "Daily")
        case .weekly: request.t("每周", "Weekly")
        case .monthly: request.t("每月", "Monthly")
        case .quarterly: request.t("每季度", "Quarterly")
        case .yearly: request.t("每年", "Yearly")
        }
    }

    static func label(_ value: Sensitivity, _ request: PortalRequest) -> String {
        switch value {
        case .public: request.t("公开", "public")
        case .internal: request.t("内部", "internal")
        case .sensitive: request.t("敏感", "sensitive")
        case .secret: request.t("涉密", "secret")
        }
    }
}
