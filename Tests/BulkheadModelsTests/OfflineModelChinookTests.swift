import Foundation
import BulkheadModels
import Testing

/// The offline model against the real Chinook database: every kind of question the issue
/// lists, each answered from the introspected schema alone and checked row by row against
/// hand-written SQL.
@Suite struct OfflineModelChinookTests {
    /// The repository's copy of Chinook (MIT, `Tests/Fixtures/chinook.LICENSE.md`).
    static let chinook: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Fixtures/chinook.sqlite").path
    }()

    static let cases: [QuestionCase] = [
        // Counts.
        QuestionCase("How many tracks are there?", "SELECT COUNT(*) FROM Track"),
        QuestionCase("Number of customers in Brazil", "SELECT COUNT(*) FROM Customer WHERE Country = 'Brazil'"),
        // Lists.
        QuestionCase("List the albums", "SELECT * FROM Album"),
        QuestionCase("Show the genres", "SELECT * FROM Genre"),
        QuestionCase("Which albums have a title containing 'Rock'?", "SELECT * FROM Album WHERE Title LIKE '%rock%'"),
        QuestionCase("List tracks whose name contains love", "SELECT * FROM Track WHERE Name LIKE '%love%'"),
        QuestionCase("List the customers whose first name contains 'an'", "SELECT * FROM Customer WHERE FirstName LIKE '%an%'"),
        QuestionCase("Customers in Prague", "SELECT * FROM Customer WHERE City = 'Prague'"),
        QuestionCase("How many customers in Brazil or Canada?", "SELECT COUNT(*) FROM Customer WHERE Country IN ('Brazil', 'Canada')"),
        // Top-N.
        QuestionCase("Top 5 tracks by milliseconds",
                     "SELECT * FROM Track ORDER BY Milliseconds DESC, TrackId LIMIT 5", ordered: true),
        QuestionCase("What is the longest track?", "SELECT * FROM Track ORDER BY Milliseconds DESC LIMIT 1", ordered: true),
        QuestionCase("The 3 shortest tracks", "SELECT * FROM Track ORDER BY Milliseconds ASC, TrackId LIMIT 3", ordered: true),
        QuestionCase("The 5 most expensive tracks", "SELECT * FROM Track ORDER BY UnitPrice DESC, TrackId LIMIT 5", ordered: true),
        // Aggregates without and with GROUP BY.
        QuestionCase("What is the minimum unit price of tracks?", "SELECT MIN(UnitPrice) FROM Track"),
        QuestionCase("Average milliseconds of tracks", "SELECT AVG(Milliseconds) FROM Track"),
        QuestionCase("What is the highest unit price of a track?", "SELECT MAX(UnitPrice) FROM Track"),
        QuestionCase("Total invoice amount per country",
                     "SELECT BillingCountry, SUM(Total) FROM Invoice GROUP BY BillingCountry"),
        QuestionCase("Average unit price by genre",
                     "SELECT g.Name, AVG(t.UnitPrice) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.GenreId"),
        QuestionCase("Max milliseconds per album",
                     "SELECT a.Title, MAX(t.Milliseconds) FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId GROUP BY a.AlbumId"),
        QuestionCase("Invoice count per billing country",
                     "SELECT BillingCountry, COUNT(*) FROM Invoice GROUP BY BillingCountry"),
        QuestionCase("Number of tracks per genre",
                     "SELECT g.Name, COUNT(*) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.GenreId"),
        // Dates.
        QuestionCase("Total invoice amount in 2023", "SELECT SUM(Total) FROM Invoice WHERE strftime('%Y', InvoiceDate) = '2023'"),
        QuestionCase("How many invoices between 2022 and 2024?",
                     "SELECT COUNT(*) FROM Invoice WHERE CAST(strftime('%Y', InvoiceDate) AS INTEGER) BETWEEN 2022 AND 2024"),
        QuestionCase("List invoices after 2024", "SELECT * FROM Invoice WHERE CAST(strftime('%Y', InvoiceDate) AS INTEGER) > 2024"),
        QuestionCase("How many employees have a hire date before 2003?",
                     "SELECT COUNT(*) FROM Employee WHERE CAST(strftime('%Y', HireDate) AS INTEGER) < 2003"),
        // Numbers.
        QuestionCase("How many tracks are longer than 300000 milliseconds?", "SELECT COUNT(*) FROM Track WHERE Milliseconds > 300000"),
        QuestionCase("List invoices with total greater than 20", "SELECT * FROM Invoice WHERE Total > 20"),
        QuestionCase("How many tracks have a unit price between 1 and 2?", "SELECT COUNT(*) FROM Track WHERE UnitPrice BETWEEN 1 AND 2"),
        // Joins along foreign keys, including chains.
        QuestionCase("How many tracks are in the genre Rock?",
                     "SELECT COUNT(*) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId WHERE g.Name = 'Rock'"),
        QuestionCase("List the tracks by the artist AC/DC",
                     "SELECT t.* FROM Track t JOIN Album al ON al.AlbumId = t.AlbumId JOIN Artist ar ON ar.ArtistId = al.ArtistId WHERE ar.Name = 'AC/DC'"),
        QuestionCase("How many albums does AC/DC have?",
                     "SELECT COUNT(*) FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId WHERE ar.Name = 'AC/DC'"),
        QuestionCase("How many invoice lines are for tracks in the genre Jazz?",
                     "SELECT COUNT(*) FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId JOIN Genre g ON g.GenreId = t.GenreId WHERE g.Name = 'Jazz'"),
        QuestionCase("Total quantity per genre",
                     "SELECT g.Name, SUM(il.Quantity) FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.GenreId"),
        QuestionCase("Total quantity of tracks sold per artist",
                     "SELECT ar.Name, SUM(il.Quantity) FROM InvoiceLine il JOIN Track t ON t.TrackId = il.TrackId JOIN Album al ON al.AlbumId = t.AlbumId JOIN Artist ar ON ar.ArtistId = al.ArtistId GROUP BY ar.ArtistId"),
        QuestionCase("Average total of invoices per customer country",
                     "SELECT c.Country, AVG(i.Total) FROM Invoice i JOIN Customer c ON c.CustomerId = i.CustomerId GROUP BY c.Country"),
        QuestionCase("Which genre has the most tracks?",
                     "SELECT g.Name, COUNT(*) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId GROUP BY g.GenreId ORDER BY 2 DESC LIMIT 1", ordered: true),
        QuestionCase("Top 3 artists by number of albums",
                     "SELECT ar.Name, COUNT(*) FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId GROUP BY ar.ArtistId ORDER BY 2 DESC LIMIT 3", ordered: true),
        QuestionCase("Minimum unit price per media type",
                     "SELECT m.Name, MIN(t.UnitPrice) FROM Track t JOIN MediaType m ON m.MediaTypeId = t.MediaTypeId GROUP BY m.MediaTypeId"),
        QuestionCase("Earliest invoice date per billing country",
                     "SELECT BillingCountry, MIN(InvoiceDate) FROM Invoice GROUP BY BillingCountry"),
        QuestionCase("How many customers are there in each country?",
                     "SELECT Country, COUNT(*) FROM Customer GROUP BY Country"),
        QuestionCase("How many invoices from 2021 to 2022?",
                     "SELECT COUNT(*) FROM Invoice WHERE InvoiceDate >= '2021-01-01' AND InvoiceDate < '2023-01-01'"),
        QuestionCase("List the employees whose title contains Manager", "SELECT * FROM Employee WHERE Title LIKE '%Manager%'"),
        QuestionCase("How many artists have more than 10 albums?",
                     "SELECT COUNT(*) FROM Artist WHERE (SELECT COUNT(*) FROM Album WHERE Album.ArtistId = Artist.ArtistId) > 10"),
        // Values the samples did not show: placed by the word before them.
        QuestionCase("Show the artist named Queen", "SELECT * FROM Artist WHERE Name = 'Queen'", questionSamples: false),
        QuestionCase("How many tracks are in the genre Pop?",
                     "SELECT COUNT(*) FROM Track t JOIN Genre g ON g.GenreId = t.GenreId WHERE g.Name = 'Pop'", questionSamples: false),
        QuestionCase("Number of customers in Brazil", "SELECT COUNT(*) FROM Customer WHERE Country = 'Brazil'", questionSamples: false),
        QuestionCase("Which artists have more than 10 albums?",
                     "SELECT * FROM Artist WHERE (SELECT COUNT(*) FROM Album WHERE Album.ArtistId = Artist.ArtistId) > 10"),
    ]

    @Test(arguments: cases)
    func answersLikeHandWrittenSQL(_ question: QuestionCase) async throws {
        let database = try SQLiteFile.copy(of: Self.chinook)
        try await question.check(on: database)
    }
}
