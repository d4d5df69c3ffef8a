import Foundation

extension ConsoleState {
    /// Seconds between two re-checks of the logged-in session.
    public static let sessionCheckInterval: Double = 2

    /// The seconds between ticks the driver should send, or nil for none: fast while something
    /// runs, slow while logged in (so the session re-check runs), none otherwise.
    public var tickInterval: Double? {
        if wantsTicks { return 0.1 }
        return session != nil ? 1 : nil
    }

    /// On a tick, asks for a session re-check when one is due and none is in flight.
    mutating func scheduleSessionCheck(at date: Date, effects: inout [Effect]) {
        guard session != nil, !sessionCheck.running else { return }
        if let last = sessionCheck.lastAt, date.timeIntervalSince(last) < Self.sessionCheckInterval, date >= last { return }
        sessionCheck = SessionCheckState(lastAt: date, running: true)
        effects.append(.checkSession)
    }

    /// The re-check's answer: an ended session goes back to the login screen, saying why.
    mutating func receiveSessionCheck(_ check: SessionCheck) {
        sessionCheck.running = false
        guard case let .ended(reason) = check, session != nil else { return }
        let theme = themeName, names = themeNames, size = self.size, empty = homeIsEmpty, email = session?.email ?? ""
        self = ConsoleState(size: size, themeName: theme, themeNames: names)
        homeIsEmpty = empty
        screen = .login
        login.email.set(email)
        login.focus = .password
        login.error = reason
        notice = Notice(reason, isError: true)
    }
}
