import Foundation
import GRDB
import BulkheadCore

/// Globex's clinic source: patients, doctors, appointments and invoices.
struct ClinicData {
    let canary: String

    func write(to url: URL) throws {
        let random = SeededRandom(seed: 0x610B)
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE doctors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, department TEXT NOT NULL, hired_date TEXT NOT NULL);
                CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT NOT NULL, birth_date TEXT NOT NULL,
                    city TEXT NOT NULL, insurance TEXT NOT NULL);
                CREATE TABLE appointments (id INTEGER PRIMARY KEY, patient_id INTEGER NOT NULL REFERENCES patients(id),
                    doctor_id INTEGER NOT NULL REFERENCES doctors(id), scheduled_at TEXT NOT NULL, status TEXT NOT NULL,
                    diagnosis TEXT);
                CREATE TABLE invoices (id INTEGER PRIMARY KEY, appointment_id INTEGER NOT NULL REFERENCES appointments(id),
                    amount REAL NOT NULL, status TEXT NOT NULL, issued_date TEXT NOT NULL);
                """)
            let departments = ["cardiology", "oncology", "pediatrics", "neurology", "dermatology"]
            let names = ["Ortiz", "Nakamura", "Adeyemi", "Schmidt", "Petrova", "Moreau", "Quinn", "Rahman", "Virtanen", "Zhou"]
            for id in 1...24 {
                let name = id == 1 ? "Dr. Canary \(canary)" : "Dr. \(random.pick(names))"
                try db.execute(sql: "INSERT INTO doctors VALUES (?, ?, ?, ?)",
                               arguments: [id, name, random.pick(departments), String(format: "20%02d-%02d-01", random.int(in: 5...22), random.int(in: 1...12))])
            }
            let first = ["Maya", "Omar", "Ines", "Tomasz", "Aiko", "Kwame", "Sofia", "Liam", "Noor", "Pablo", "Yuki", "Zara"]
            let cities = ["Springfield", "Shelbyville", "Ogdenville", "Capital City", "North Haverbrook"]
            let insurers = ["none", "basic", "plus", "premium"]
            for id in 1...450 {
                let name = id == 1 ? "Canary Patient \(canary)" : "\(random.pick(first)) \(random.pick(names))"
                try db.execute(sql: "INSERT INTO patients VALUES (?, ?, ?, ?, ?)",
                               arguments: [id, name, String(format: "19%02d-%02d-%02d", random.int(in: 30...99), random.int(in: 1...12), random.int(in: 1...28)),
                                           random.pick(cities), random.pick(insurers)])
            }
            let statuses = ["completed", "completed", "completed", "no_show", "cancelled", "scheduled"]
            let diagnoses = ["hypertension", "migraine", "eczema", "arrhythmia", "checkup", "fracture", "asthma"]
            var invoiceID = 0
            for id in 1...2200 {
                let status = random.pick(statuses)
                let date = String(format: "20%02d-%02d-%02d", random.int(in: 22...25), random.int(in: 1...12), random.int(in: 1...28))
                try db.execute(sql: "INSERT INTO appointments VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [id, random.int(in: 1...450), random.int(in: 1...24), date + " 09:00", status,
                                           status == "completed" ? random.pick(diagnoses) : nil])
                if status == "completed" {
                    invoiceID += 1
                    try db.execute(sql: "INSERT INTO invoices VALUES (?, ?, ?, ?, ?)",
                                   arguments: [invoiceID, id, Double(random.int(in: 4_000...90_000)) / 100,
                                               random.pick(["paid", "paid", "paid", "open", "void"]), date])
                }
            }
        }
        try queue.close()
    }
}
