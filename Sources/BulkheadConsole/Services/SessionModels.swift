/// What the console shows about the logged-in session: who, which org, which role. No token.
public struct ConsoleSession: Equatable, Sendable {
    /// The user's email.
    public var email: String
    /// The org's display name.
    public var orgName: String
    /// `admin` or `member`.
    public var role: String
    /// The org's model as `provider/model` (shown in the status line); empty when not known.
    public var model: String
    /// The providers an admin may switch to from the palette (empty for members).
    public var modelChoices: [String]
    /// Members' suggested examples waiting for an admin's review (empty for members).
    public var pendingExamples: [PendingExample]

    /// Makes a session summary.
    public init(email: String, orgName: String, role: String, model: String = "", modelChoices: [String] = [],
                pendingExamples: [PendingExample] = []) {
        self.email = email
        self.orgName = orgName
        self.role = role
        self.model = model
        self.modelChoices = modelChoices
        self.pendingExamples = pendingExamples
    }
}

/// A member's corrected SQL waiting for an admin: approved, it becomes an example.
public struct PendingExample: Equatable, Sendable {
    /// The suggestion's id.
    public var id: String
    /// The question it answers.
    public var question: String

    /// Makes a pending suggestion.
    public init(id: String, question: String) {
        self.id = id
        self.question = question
    }
}

/// Facts the console needs before its first screen.
public struct ConsoleStartup: Equatable, Sendable {
    /// True when the home has no organization yet: the welcome screen offers the demo.
    public var homeIsEmpty: Bool
    /// The open session, if one is stored and still verifies.
    public var session: ConsoleSession?
    /// The folder exports are suggested to go to (the working folder), if the app has one.
    public var exportFolder: String?

    /// Makes the startup facts.
    public init(homeIsEmpty: Bool, session: ConsoleSession?, exportFolder: String? = nil) {
        self.homeIsEmpty = homeIsEmpty
        self.session = session
        self.exportFolder = exportFolder
    }
}

/// One account the demo made; the password is shown once, as `bulkhead demo` prints it.
public struct DemoAccount: Equatable, Sendable {
    /// Email.
    public var email: String
    /// Org name.
    public var org: String
    /// Role.
    public var role: String
    /// The generated password.
    public var password: String

    /// Makes an account line.
    public init(email: String, org: String, role: String, password: String) {
        self.email = email
        self.org = org
        self.role = role
        self.password = password
    }
}

/// The answer to a login attempt that did not throw.
public enum LoginOutcome: Equatable, Sendable {
    /// Logged in.
    case success(ConsoleSession)
    /// The user belongs to these orgs: ask which one.
    case chooseOrg([String])
}
