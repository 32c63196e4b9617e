import ShuniuModel

/// The portal's languages: Chinese first, English by the switch in every page's header
/// (`?lang=en`, remembered in a cookie).
public enum PortalLanguage: String, Sendable, CaseIterable {
    case zh, en

    /// The text in this language.
    func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    /// A catalogue name in this language.
    func name(_ name: LocalizedName) -> String { self == .zh ? name.zh : name.en }

    /// The `lang` attribute of the page.
    var tag: String { self == .zh ? "zh-CN" : "en" }

    /// The other language (the switch's target).
    var other: PortalLanguage { self == .zh ? .en : .zh }

    /// The switch's label, in the language it switches to.
    var switchLabel: String { self == .zh ? "English" : "中文" }
}
