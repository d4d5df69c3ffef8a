import BulkheadModels
import Testing

/// The offline model over schemas like the demo's retail (Acme) and clinic (Globex) sources.
@Suite struct OfflineModelDemoTests {
    static let retailCases: [QuestionCase] = [
        QuestionCase("The 10 most expensive products", "SELECT * FROM products ORDER BY price DESC, id LIMIT 10", ordered: true),
        QuestionCase("What is the cheapest product?", "SELECT * FROM products ORDER BY price ASC, id LIMIT 1", ordered: true),
        QuestionCase("How many orders in 2024?", "SELECT COUNT(*) FROM orders WHERE strftime('%Y', ordered_at) = '2024'"),
        QuestionCase("Total quantity per product category",
                     "SELECT p.category, SUM(oi.quantity) FROM order_items oi JOIN products p ON p.id = oi.product_id GROUP BY p.category"),
        QuestionCase("Average price by category", "SELECT category, AVG(price) FROM products GROUP BY category"),
        QuestionCase("Customers in Lisbon", "SELECT * FROM customers WHERE city = 'Lisbon'"),
        QuestionCase("How many orders with status shipped?", "SELECT COUNT(*) FROM orders WHERE status = 'shipped'"),
        QuestionCase("Total order item quantity per customer country",
                     "SELECT c.country, SUM(oi.quantity) FROM order_items oi JOIN orders o ON o.id = oi.order_id JOIN customers c ON c.id = o.customer_id GROUP BY c.country"),
        QuestionCase("Products with price greater than 100", "SELECT * FROM products WHERE price > 100"),
        QuestionCase("How many customers per country", "SELECT country, COUNT(*) FROM customers GROUP BY country"),
        QuestionCase("Which customers have more than 5 orders?",
                     "SELECT * FROM customers c WHERE (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) > 5"),
        QuestionCase("How many orders from customers in Spain after 2023?",
                     "SELECT COUNT(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.country = 'Spain' AND strftime('%Y', o.ordered_at) > '2023'"),
    ]

    static let clinicCases: [QuestionCase] = [
        QuestionCase("Number of appointments per doctor",
                     "SELECT d.name, COUNT(*) FROM appointments a JOIN doctors d ON d.id = a.doctor_id GROUP BY d.id"),
        QuestionCase("Total invoice amount per doctor specialty",
                     "SELECT d.specialty, SUM(i.amount) FROM invoices i JOIN appointments a ON a.id = i.appointment_id JOIN doctors d ON d.id = a.doctor_id GROUP BY d.specialty"),
        QuestionCase("How many appointments with doctors in Cardiology?",
                     "SELECT COUNT(*) FROM appointments a JOIN doctors d ON d.id = a.doctor_id WHERE d.specialty = 'Cardiology'"),
        QuestionCase("Patients with birth date before 1980", "SELECT * FROM patients WHERE birth_date < '1980-01-01'"),
        QuestionCase("Average invoice amount", "SELECT AVG(amount) FROM invoices"),
        QuestionCase("How many invoices between 2022 and 2023?",
                     "SELECT COUNT(*) FROM invoices WHERE strftime('%Y', issued_on) IN ('2022', '2023')"),
        QuestionCase("Which doctor has the most appointments?",
                     "SELECT d.name, COUNT(*) FROM appointments a JOIN doctors d ON d.id = a.doctor_id GROUP BY d.id ORDER BY 2 DESC LIMIT 1", ordered: true),
        QuestionCase("Total invoice amount in 2023 for patients in Porto",
                     "SELECT SUM(i.amount) FROM invoices i JOIN appointments a ON a.id = i.appointment_id JOIN patients p ON p.id = a.patient_id WHERE p.city = 'Porto' AND strftime('%Y', i.issued_on) = '2023'"),
        QuestionCase("The 3 oldest patients", "SELECT * FROM patients ORDER BY birth_date ASC, id LIMIT 3", ordered: true),
        QuestionCase("Which doctors work in Cardiology?", "SELECT * FROM doctors WHERE specialty = 'Cardiology'"),
        QuestionCase("How many distinct cities do patients live in?", "SELECT COUNT(*) FROM (SELECT DISTINCT city FROM patients)"),
        QuestionCase("How many different doctors are there?", "SELECT COUNT(*) FROM doctors"),
        QuestionCase("Number of distinct patients per doctor",
                     "SELECT d.name, COUNT(DISTINCT a.patient_id) FROM appointments a JOIN doctors d ON d.id = a.doctor_id GROUP BY d.id"),
        QuestionCase("Maximum invoice amount per doctor",
                     "SELECT d.name, MAX(i.amount) FROM invoices i JOIN appointments a ON a.id = i.appointment_id JOIN doctors d ON d.id = a.doctor_id GROUP BY d.id"),
    ]

    @Test(arguments: retailCases)
    func retail(_ question: QuestionCase) async throws {
        try await question.check(on: DemoSchemas.retail())
    }

    @Test(arguments: clinicCases)
    func clinic(_ question: QuestionCase) async throws {
        try await question.check(on: DemoSchemas.clinic())
    }
}
