/// The SSH user name, read as the key owner's email with an optional `/ORG`; without `@` it names nothing.
struct SSHUserName {
    let email: String?
    let org: String?

    init(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts[0].contains("@") else {
            email = nil
            org = nil
            return
        }
        email = AuthInput.normalizeEmail(parts[0])
        org = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
    }
}
