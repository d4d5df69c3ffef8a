/// Text a tenant wrote, made safe to echo back inside an error sentence.
public enum SafeText {
    /// The tenant's own identifier, shortened and stripped of anything that could look like a path.
    ///
    /// Used when a database names an identifier from the tenant's statement in its error
    /// ("no such table: x"): the identifier is the tenant's text, but it is still cut to 64
    /// characters and loses newlines, slashes and NUL bytes, so it cannot smuggle a path or a
    /// second line into what is shown.
    public static func identifier(_ text: String) -> String {
        let cleaned = text.filter { !$0.isNewline && $0 != "/" && $0 != "\\" && $0 != "\0" }
        return cleaned.count > 64 ? String(cleaned.prefix(64)) + "…" : cleaned
    }
}
