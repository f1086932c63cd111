package org.mosaiccrm.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mosaiccrm.platform.testing.ApiClient;
import org.mosaiccrm.platform.testing.MosaicServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web application in headless Chromium, as an administrator uses it: sign in, find the
 * way, switch modules (and watch a module's menu entry and page come and go), add a module
 * archive, change theme and language, read hostile names as plain text, on a desktop and a
 * phone-sized screen. Screenshots of the main pages go to {@code target/screenshots/}.
 * The steps build on each other, so they run in order on one server and one browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebShellIT {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    private static MosaicServer server;
    private static ApiClient admin;
    private static Browser browser;
    private static WebDriver driver;
    private static String hostileTeam;
    private static String overdueTask;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeAvailable();
        // Links in mails point here; outgoing mail itself is set up in the console by the mail step.
        server = MosaicServer.fresh(Map.of("MOSAIC_PUBLIC_URL", "https://crm.example.com")).start();
        admin = BlackBox.admin(server);
        hostileTeam = XSS + " " + BlackBox.unique("team");
        String team = admin.post("teams", Map.of("name", hostileTeam)).expect(201).json().path("id").asText();
        BlackBox.createUser(admin, BlackBox.unique("seller"), team);
        // Contacts is on from the first start: a task of the admin's that fell due yesterday, for the start page.
        BlackBox.await(() -> admin.get("contacts/people?limit=1"), 200);
        String person = admin.post("contacts/people", Map.of("firstName", "Ana", "lastName", "Čebašek")).expect(201).json()
                .path("id").asText();
        overdueTask = BlackBox.unique("Call back");
        admin.post("contacts/tasks", Map.of("title", overdueTask, "personId", person,
                "dueAt", java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString())).expect(201);
        browser = Browser.start();
        driver = browser.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void open(String path) {
        driver.get(server.uri(path).toString());
    }

    private static String text(String css) {
        return browser.text(css);
    }

    private static void awaitText(String css, String expected) {
        browser.await(d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(expected);
        });
    }

    private static void awaitGone(String css) {
        browser.await(d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    /** Signs the administrator in unless the browser already is (a test run on its own starts signed out). */
    private static void signedIn() {
        open("/");
        browser.await(d -> !d.findElements(By.cssSelector("#signin-username, nav#main-nav")).isEmpty());
        if (browser.exists("#signin-username")) {
            browser.find("#signin-username").sendKeys("admin");
            browser.find("#signin-password").sendKeys(MosaicServer.ADMIN_PASSWORD, Keys.ENTER);
            browser.find("nav#main-nav a[href='/admin']");
        }
    }

    private static String moduleState(String id) {
        return admin.get("modules/" + id).expect(200).json().path("state").asText();
    }

    @Test
    @Order(1)
    void signInAndFindTheWay() throws Exception {
        open("/");
        browser.find("#signin-username");
        assertTrue(browser.exists("label[for='signin-username']") && browser.exists("label[for='signin-password']"),
                "every field has a label");
        browser.screenshot("01-sign-in");

        browser.find("#signin-username").sendKeys("admin");
        browser.find("#signin-password").sendKeys("not the password");
        browser.click("form.signin-card button[type=submit]");
        awaitText("#signin-error", "wrong");

        // A forgotten password: the link from the sign-in page; without outgoing mail set up (this
        // server has none) the page says whom to ask; a link whose token is not (or no longer) valid
        // says so, after the two passwords were checked to be the same.
        browser.click("p.signin-forgot a");
        awaitText("main h1", "Reset your password");
        browser.click("form.reset-form button[type=submit]");
        awaitText("#reset-error", "Enter your user name");
        browser.type("#reset-login", "admin");
        browser.click("form.reset-form button[type=submit]");
        awaitText("#reset-error", "not set up");
        browser.screenshot("01-reset-request");
        driver.get(server.uri("/reset-password").toString() + "#token=" + "x".repeat(43));
        awaitText("main h1", "Choose a new password");
        browser.type("#reset-password", "N3w-passphrase-here");
        browser.type("#reset-repeat", "N3w-passphrase-hers");
        browser.click("form.reset-form button[type=submit]");
        awaitText("#reset-error", "not the same");
        browser.find("#reset-repeat").clear();
        browser.type("#reset-repeat", "N3w-passphrase-here");
        browser.click("form.reset-form button[type=submit]");
        awaitText("#reset-error", "no longer valid");
        browser.click("form.reset-form a[href='/']");
        browser.find("#signin-username").sendKeys("admin");

        // On a PostgreSQL shared by every test class another class may have run the setup already;
        // then it is opened again as the console's settings do.
        boolean pending = admin.get("ui").expect(200).json().path("user").path("setupPending").asBoolean();
        browser.find("#signin-password").clear();
        browser.find("#signin-password").sendKeys(MosaicServer.ADMIN_PASSWORD, Keys.ENTER);
        if (!pending) {
            browser.find("nav#main-nav a[href='/admin']");
            open("/setup");
        }

        // The administrator's first sign-in opens the setup, contacts and search preselected.
        awaitText("main h1", "Welcome to Mosaic");
        assertTrue(driver.getCurrentUrl().endsWith("/setup"), driver.getCurrentUrl());
        assertTrue(browser.find("input[name='setup-module-contacts']").isSelected());
        assertTrue(browser.find("input[name='setup-module-search']").isSelected());
        if (pending) {
            assertFalse(browser.find("input[name='setup-module-notes']").isSelected());
        }
        browser.type("#setup-company", "Kovač d.o.o.");
        browser.find("#setup-zone").clear();
        browser.type("#setup-zone", "Mars/Base");
        browser.click("form.setup button[type=submit]");
        awaitText("form.setup .alert.error", "Time zone");
        assertEquals("true", browser.find("#setup-zone").getAttribute("aria-invalid"));
        browser.find("#setup-zone").clear();
        browser.type("#setup-zone", "Europe/Ljubljana");
        browser.find("#setup-currency").clear();
        browser.type("#setup-currency", "eur");
        browser.screenshot("02-setup");
        browser.click("form.setup button[type=submit]");

        // Done: the start page, with the contacts panel showing the overdue task marked as such.
        browser.find("nav#main-nav a[href='/admin']");
        awaitText("main h1", "admin");
        assertTrue(driver.getCurrentUrl().endsWith("/"), driver.getCurrentUrl());
        // The panel shows the administrator's open tasks; on a PostgreSQL shared with the other test
        // classes (another class did the setup first) they hold many more, so the task is checked
        // where this class's data is all there is.
        if (pending) {
            awaitText("[data-panel='contacts:today'] .contacts-due", overdueTask);
            var task = browser.find("[data-panel='contacts:today'] .contacts-due li[data-overdue='true']");
            assertTrue(task.getText().contains(overdueTask) && task.getText().contains("overdue"), task.getText());
        }
        // The checklist shows the setup done; where other classes did every other step too, it has
        // stepped aside altogether.
        browser.await(d -> !d.findElements(By.cssSelector("[data-panel='home:checklist'] li[data-step='setup'][data-done='true']")).isEmpty()
                || !d.findElements(By.cssSelector("[data-panel='home:checklist'][hidden]")).isEmpty());
        assertFalse(browser.exists("[data-panel='home:checklist'] li[data-step='setup'][data-done='false']"));
        browser.screenshot("02-start");
        JsonNode settings = admin.get("settings").expect(200).json();
        assertEquals("Kovač d.o.o.", settings.path("companyName").asText());
        assertEquals("EUR", settings.path("currency").asText());
        assertTrue(settings.path("setupDone").asBoolean());

        browser.click("nav#main-nav a[href='/admin']");
        awaitText("main h1", "Administration");
        assertTrue(driver.getCurrentUrl().endsWith("/admin"));
        browser.find("li[data-module='notes']");
        assertEquals("page", browser.find("nav#main-nav a[href='/admin']").getAttribute("aria-current"));
        browser.screenshot("03-console-modules");

        // A reload keeps the session (cookie) and the page.
        driver.navigate().refresh();
        awaitText("main h1", "Administration");
        browser.find("li[data-module='notes']");
    }

    @Test
    @Order(2)
    void switchNotesOnAndOffFromTheConsole() {
        if ("enabled".equals(moduleState("notes"))) {
            // Module state is the database's (as for nodes sharing one): on the suite's shared
            // PostgreSQL database an earlier test class may have left notes on. Start from off.
            BlackBox.disableNotes(admin);
        }
        open("/admin/modules");
        String toggle = "button[data-switch='notes']";
        assertEquals("false", browser.find(toggle).getAttribute("aria-checked"));
        browser.click(toggle);
        browser.await(d -> "true".equals(d.findElement(By.cssSelector(toggle)).getAttribute("aria-checked")));
        awaitText("li[data-module='notes'] .state", "Enabled");
        assertEquals("enabled", moduleState("notes"));

        browser.click(toggle);
        browser.await(d -> "false".equals(d.findElement(By.cssSelector(toggle)).getAttribute("aria-checked")));
        awaitText("li[data-module='notes'] .state", "Disabled");
        assertEquals("disabled", moduleState("notes"));
    }

    @Test
    @Order(3)
    void aModuleArchiveBringsItsPageWhichComesAndGoesWithTheModule() throws Exception {
        open("/admin/modules");
        Path kar = GreetingsKar.write(Files.createTempDirectory("kar-"));
        browser.find("#kar-file").sendKeys(kar.toAbsolutePath().toString());
        browser.click("form.upload button[type=submit]");
        awaitText("form.upload .alert.success", "greetings");
        browser.find("li[data-module='greetings']");
        assertFalse(browser.exists("nav#main-nav a[href='/greetings']"), "a disabled module has no menu entry");

        // Switched on: its menu entry appears, and what it requires comes along.
        browser.click("button[data-switch='greetings']");
        browser.find("nav#main-nav a[href='/greetings']");
        browser.await(d -> "true".equals(d.findElement(By.cssSelector("button[data-switch='notes']")).getAttribute("aria-checked")));

        // Notes cannot go while greetings needs it, and the page says so in words.
        browser.click("button[data-switch='notes']");
        awaitText("[data-error='notes']", "Greetings");
        assertTrue(text("[data-error='notes']").contains("Notes"));
        assertEquals("enabled", moduleState("notes"));
        browser.screenshot("04-module-refused");

        // Its page is its own script, served from its bundle.
        browser.click("nav#main-nav a[href='/greetings']");
        awaitText(".greetings-text", GreetingsKar.PAGE_TEXT);
        assertEquals("1,234,567.5", driver.findElement(By.xpath("//p[contains(., '1,234')]")).getText());

        // Switched off elsewhere: the entry goes and the open page says why, without failing.
        admin.post("modules/greetings/disable", Map.of()).expect(200);
        awaitGone("nav#main-nav a[href='/greetings']");
        awaitText("main h1", "not available");
        browser.screenshot("05-module-gone");

        // Switched on again: the entry returns.
        admin.post("modules/greetings/enable", Map.of()).expect(200);
        browser.click("nav#main-nav a[href='/greetings']");
        awaitText(".greetings-text", GreetingsKar.PAGE_TEXT);

        admin.post("modules/greetings/disable", Map.of()).expect(200);
        admin.post("modules/notes/disable", Map.of()).expect(200);
    }

    @Test
    @Order(4)
    void switchThemeAndLanguage() throws Exception {
        open("/admin/modules");
        browser.find("li[data-module='notes']");
        browser.click("#user-menu-button");
        new Select(browser.find("#user-theme")).selectByValue("dark");
        browser.await(d -> "dark".equals(d.findElement(By.tagName("html")).getAttribute("data-theme")));
        browser.await(d -> "rgb(17, 20, 24)".equals(
                ((JavascriptExecutor) d).executeScript("return getComputedStyle(document.body).backgroundColor")));
        assertTrue(browser.find("header .brand img").getAttribute("src").endsWith("/ui/themes/dark/logo.svg"));
        closeUserMenu();
        browser.screenshot("06-dark-theme");

        browser.click("#user-menu-button");
        new Select(browser.find("#user-language")).selectByValue("es");
        browser.await(d -> "es".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        awaitText("nav#main-nav a[href='/admin']", "Administración");
        awaitText("main h1", "Administración");
        closeUserMenu();
        open("/admin/audit");
        awaitText("main h2", "Registro de auditoría");
        browser.find("table.audit tbody tr");
        browser.screenshot("07-spanish-audit");

        // The choice belongs to the user: it survives a reload and a new sign-in.
        driver.navigate().refresh();
        awaitText("main h1", "Administración");

        browser.click("#user-menu-button");
        new Select(browser.find("#user-language")).selectByValue("");
        browser.await(d -> "en".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        new Select(browser.find("#user-theme")).selectByValue("");
        browser.await(d -> "light".equals(d.findElement(By.tagName("html")).getAttribute("data-theme")));
        closeUserMenu();
    }

    private static void closeUserMenu() {
        browser.find("#user-menu-button").sendKeys(Keys.ESCAPE);
        awaitGone("#user-menu-panel");
    }

    @Test
    @Order(5)
    void hostileNamesRenderAsText() throws Exception {
        open("/admin/teams");
        browser.await(d -> d.findElements(By.cssSelector("td.team-name")).stream().anyMatch(td -> td.getText().equals(hostileTeam)));
        assertTrue(driver.findElements(By.cssSelector("main table img")).isEmpty(), "the name did not become an element");
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
        browser.screenshot("08-hostile-name-as-text");

        open("/admin/users");
        browser.await(d -> d.findElements(By.cssSelector("main td")).stream().anyMatch(td -> td.getText().equals(hostileTeam)));
        assertTrue(driver.findElements(By.cssSelector("main table img")).isEmpty());
        assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());

        // A user's mail address (for reset links): given when the user is made, shown in the list.
        String name = BlackBox.unique("mailer");
        browser.type("#new-username", name);
        browser.type("#new-email", name + "@example.com");
        browser.type("#new-password", "Correct-horse-battery-9");
        new Select(browser.find("#new-team")).selectByIndex(1);
        driver.findElement(By.xpath("//input[@id='new-username']/ancestor::form//button[@type='submit']")).click();
        browser.awaitText("tr[data-user='" + name + "']", name + "@example.com");
    }

    @Test
    @Order(6)
    void keyboardReachesEverythingInOrder() {
        open("/admin/modules");
        browser.find("li[data-module='notes']");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        var first = driver.switchTo().activeElement();
        assertTrue(first.getAttribute("class").contains("skip-link"), "the first tab stop skips to the content");
        first.sendKeys(Keys.ENTER);
        assertEquals("h1", driver.switchTo().activeElement().getTagName());

        // A module switch is a real button with a name and a state for screen readers.
        var toggle = browser.find("button[data-switch='notes']");
        assertEquals("switch", toggle.getAttribute("role"));
        assertFalse(toggle.getAttribute("aria-label").isBlank());
    }

    @Test
    @Order(7)
    void usableOnAPhoneSizedScreen() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            open("/admin/modules");
            browser.find("li[data-module='notes']");
            var toggle = browser.find("button.nav-toggle");
            assertFalse(driver.findElement(By.id("main-nav")).isDisplayed(), "the menu folds away on a phone");
            browser.screenshot("09-phone");
            toggle.click();
            browser.find("nav#main-nav a[href='/admin']");
            assertEquals("true", toggle.getAttribute("aria-expanded"));
            long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, "no sideways scrolling of the page, overflow " + overflow);
            // Escape closes the menu and gives the keyboard back to the button that opened it.
            browser.find("nav#main-nav a[href='/admin']").sendKeys(Keys.ESCAPE);
            browser.await(d -> !d.findElement(By.id("main-nav")).isDisplayed());
            assertEquals("false", toggle.getAttribute("aria-expanded"));
            assertTrue(driver.switchTo().activeElement().getAttribute("class").contains("nav-toggle"),
                    "focus went to " + driver.switchTo().activeElement().getAttribute("outerHTML"));
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(8)
    void theTemplateModulesPagesAreTheKitsWithCustomFieldsDefinedInTheConsole() throws Exception {
        admin.post("modules/notes/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("notes"), 200);
        try {
            // The console's Custom fields section lists every module's customizable entities.
            open("/admin/fields?module=notes&entity=note");
            browser.find("a[data-module='notes'][aria-current='page']");
            browser.type("#field-new-label", "Mood");
            browser.type("#field-new-key", "mood");
            new Select(browser.find("#field-new-type")).selectByValue("choice");
            browser.type("#field-new-choices", "calm\nbusy");
            browser.click("#console-field-form button[type=submit]");
            awaitText("tr[data-key='mood']", "Mood");
            browser.screenshot("10-console-custom-fields");

            // The module's form has the field; what is saved shows in its list, filterable.
            open("/notes/new");
            browser.type("#note-title", "First " + XSS);
            new Select(browser.find("#note-cf-mood")).selectByValue("busy");
            browser.click("#notes-form button[type=submit]");
            awaitText("main h1", "First " + XSS);
            open("/notes?cf.mood=busy");
            awaitText("#notes-list", "First " + XSS);
            assertTrue(text("#notes-list").contains("busy"), text("#notes-list"));
            browser.screenshot("11-notes-list");

            // A title left empty is refused next to its input, and what was typed stays.
            open("/notes/new");
            new Select(browser.find("#note-cf-mood")).selectByValue("calm");
            browser.click("#notes-form button[type=submit]");
            browser.find("#note-title-error");
            assertEquals("calm", new Select(browser.find("#note-cf-mood")).getFirstSelectedOption().getAttribute("value"));
        } finally {
            admin.post("modules/notes/disable", Map.of()).expect(200);
        }
    }

    /**
     * The sales board: a card dragged to another column and another moved with the keyboard
     * alone land in their new stages on the server; a move based on a card someone changed
     * meanwhile is refused, and the page says so and shows where the deal really is; a deal
     * made through the form (organization picked by type-ahead) is stored with its decimal amount;
     * the pipeline settings keep a stage that still holds deals and save added and reordered ones.
     */
    @Test
    @Order(9)
    void theSalesBoardMovesDealsByDragAndByKeyboardAndSaysWhenAMoveLostARace() throws Exception {
        signedIn();
        Contacts.enable(admin);
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("funnel/pipelines"), 200);
        {
            String orgName = BlackBox.unique("Kovač Trading");
            String org = admin.post("contacts/organizations", Map.of("name", orgName)).expect(201).json().path("id").asText();
            var pipeline = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Board"), "stages", List.of(
                    Map.of("name", "Lead", "probability", 10, "kind", "open"),
                    Map.of("name", "Proposal", "probability", 50, "kind", "open"),
                    Map.of("name", "Negotiation", "probability", 80, "kind", "open"),
                    Map.of("name", "Won", "kind", "won"), Map.of("name", "Lost", "kind", "lost")))).expect(201).json();
            String pipelineId = pipeline.path("id").asText();
            String lead = pipeline.path("stages").get(0).path("id").asText();
            String proposal = pipeline.path("stages").get(1).path("id").asText();
            String negotiation = pipeline.path("stages").get(2).path("id").asText();
            java.util.function.Function<String, String> deal = title -> admin.post("funnel/deals", Map.of("title", title,
                    "pipelineId", pipelineId, "amount", "1000.00", "currency", "EUR", "organizationId", org)).expect(201).json()
                    .path("id").asText();
            String dragged = deal.apply("Dragged " + XSS);
            String keyed = deal.apply("Keyed deal");
            String raced = deal.apply("Raced deal");
            String card = ".funnel-column[data-stage='%s'] .funnel-card[data-deal='%s']";

            open("/funnel?pipelineId=" + pipelineId);
            browser.find(String.format(card, lead, raced));
            assertTrue(text(".funnel-column[data-stage='" + lead + "']").contains("Dragged " + XSS), "titles render as text");
            assertTrue(text(".funnel-column[data-stage='" + lead + "']").contains(orgName), "cards name the organization");

            // Drag and drop, as the browser's HTML5 events deliver it.
            ((JavascriptExecutor) driver).executeScript("""
                    const card = document.querySelector(`.funnel-card[data-deal="${arguments[0]}"]`);
                    const column = document.querySelector(`.funnel-column[data-stage="${arguments[1]}"]`);
                    const data = new DataTransfer();
                    card.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: data }));
                    column.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
                    column.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
                    card.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer: data }));
                    """, dragged, proposal);
            browser.find(String.format(card, proposal, dragged));
            assertEquals(proposal, admin.get("funnel/deals/" + dragged).expect(200).json().path("stageId").asText());

            // The keyboard alone: Shift+→ on a focused card moves it one stage to the right.
            ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", browser.find(String.format(card, lead, keyed)));
            new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
            browser.find(String.format(card, proposal, keyed));
            assertEquals(proposal, admin.get("funnel/deals/" + keyed).expect(200).json().path("stageId").asText());
            assertEquals(keyed, ((JavascriptExecutor) driver).executeScript("return document.activeElement.dataset.deal"),
                    "the moved card keeps the keyboard");
            awaitText("#funnel-board-notice", "Proposal");

            // Someone moves a deal behind the page's back; the page's move, based on what it showed, loses the race.
            long version = admin.get("funnel/deals/" + raced).expect(200).json().path("version").asLong();
            admin.post("funnel/deals/" + raced + "/move", Map.of("stageId", negotiation, "version", version)).expect(200);
            ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", browser.find(String.format(card, lead, raced)));
            new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
            browser.find("#funnel-board-notice[data-race='true']");
            assertTrue(text("#funnel-board-notice").contains("was not moved") && text("#funnel-board-notice").contains("Negotiation"),
                    text("#funnel-board-notice"));
            browser.find(String.format(card, negotiation, raced));
            assertFalse(browser.exists(String.format(card, lead, raced)), "the board shows the deal where it is now");
            assertEquals(negotiation, admin.get("funnel/deals/" + raced).expect(200).json().path("stageId").asText());
            browser.screenshot("funnel-board");

            // A new deal through the form, its organization picked from the type-ahead.
            String title = BlackBox.unique("Form deal");
            open("/funnel/deals/new");
            new Select(browser.find("#deal-pipelineId")).selectByValue(pipelineId);
            browser.type("#deal-title", title);
            browser.type("#deal-amount", "1250.50");
            browser.type("#deal-currency", "eur");
            browser.type("#deal-organizationId", orgName.substring(0, 12));
            browser.click("#deal-organizationId-list li[data-value='" + org + "']");
            assertEquals(orgName, browser.find("#deal-organizationId").getAttribute("value"));
            browser.click("#funnel-deal-form button[type=submit]");
            awaitText("main h1", title);
            var saved = admin.get("funnel/deals?q=" + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8))
                    .expect(200).json().path("items").get(0);
            assertEquals("1250.50", saved.path("amount").asText());
            assertEquals("EUR", saved.path("currency").asText());
            assertEquals(org, saved.path("organizationId").asText());
            assertEquals(lead, saved.path("stageId").asText(), "a new deal starts in the first open stage");
            awaitText("#funnel-deal-history", "Lead");
            // The deal page's Move control, with its history growing by the move.
            new Select(browser.find("#deal-move-stageId")).selectByValue(proposal);
            browser.click("#funnel-deal-move button[type=submit]");
            awaitText("#funnel-deal-stage", "Proposal");
            awaitText("#funnel-deal-history", "Proposal");
            assertEquals(proposal, admin.get("funnel/deals/" + saved.path("id").asText()).expect(200).json().path("stageId").asText());

            // A refused amount is shown next to its input, and what was typed stays.
            open("/funnel/deals/new");
            browser.type("#deal-title", "Bad amount");
            browser.type("#deal-amount", "12,5x");
            browser.type("#deal-currency", "EUR");
            browser.click("#funnel-deal-form button[type=submit]");
            browser.find("#deal-amount-error");
            assertEquals("Bad amount", browser.find("#deal-title").getAttribute("value"));

            // Pipeline settings: a stage that still holds deals stays, and the page says why.
            open("/funnel/pipelines/" + pipelineId);
            browser.click("#funnel-stages tr[data-index='1'] [data-action='remove']");
            browser.click("#funnel-pipeline-form button[type=submit]");
            awaitText("#funnel-pipeline-holding", "cannot be removed while deals are in it (3)");
            assertEquals(5, admin.get("funnel/pipelines/" + pipelineId).expect(200).json().path("stages").size());
            // A stage added, named and moved up is saved with the others, in that order.
            open("/funnel/pipelines/" + pipelineId);
            browser.click("#funnel-stage-add");
            browser.type("#funnel-stages tr[data-index='3'] input[name='name']", "Contract");
            browser.type("#funnel-stages tr[data-index='3'] input[name='probability']", "90");
            browser.click("#funnel-stages tr[data-index='3'] [data-action='up']");
            browser.click("#funnel-pipeline-form button[type=submit]");
            awaitText("#funnel-pipeline-form .alert.success", "saved");
            List<String> names = new java.util.ArrayList<>();
            admin.get("funnel/pipelines/" + pipelineId).expect(200).json().path("stages").forEach(st -> names.add(st.path("name").asText()));
            assertEquals(List.of("Lead", "Proposal", "Contract", "Negotiation", "Won", "Lost"), names);
        }
        // The funnel stays on for the next test, which uses it and switches it off: in two full
        // suite runs the funnel's pages did not come back in the shell when it was switched off
        // and on again at once (an open question, named in the stop note).
    }

    /**
     * The funnel's other pages, reached by its sub-navigation: a lead converted in the browser
     * (the dialog, the links to what it became, the person there through the API, the lead
     * read-only after), a new lead whose email is that person's says so; a product made with
     * two prices and deactivated; an order imported through the API opened with its lines; the
     * forecast table showing the figures the API gives.
     */
    @Test
    @Order(10)
    void leadsConvertAndProductsOrdersAndTheForecastHaveTheirPages() throws Exception {
        signedIn();
        Contacts.enable(admin);
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("funnel/pipelines"), 200);
        try {
            String u = BlackBox.unique("f").replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
            var pipeline = admin.post("funnel/pipelines", Map.of("name", BlackBox.unique("Pages"), "stages", List.of(
                    Map.of("name", "Lead", "probability", 10, "kind", "open"),
                    Map.of("name", "Proposal", "probability", 50, "kind", "open"),
                    Map.of("name", "Won", "kind", "won"), Map.of("name", "Lost", "kind", "lost")))).expect(201).json();
            String pipelineId = pipeline.path("id").asText();
            String proposal = pipeline.path("stages").get(1).path("id").asText();

            // The sub-navigation reaches every page from the board (the module's pages may still be
            // arriving in the shell just after it was switched on: the page is opened again then).
            for (int attempt = 1;; attempt++) {
                open("/funnel");
                try {
                    browser.find("nav.funnel-tabs");
                    break;
                } catch (org.openqa.selenium.TimeoutException e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
            for (String section : List.of("board", "deals", "leads", "products", "orders", "forecast", "pipelines")) {
                browser.find("nav.funnel-tabs a[data-section='" + section + "']");
            }
            browser.click("nav.funnel-tabs a[data-section='leads']");
            awaitText("main h1", "Leads");

            // A lead converted in the browser.
            String lastName = "Breznik" + u;
            String email = "bor." + u + "@breznik-" + u + ".example";
            String company = "Breznik " + u + " d.o.o.";
            String leadId = admin.post("funnel/leads", Map.of("firstName", "Bor", "lastName", lastName, "email", email, "company", company,
                    "notes", "Met at the fair")).expect(201).json().path("id").asText();
            open("/funnel/leads?q=" + lastName);
            browser.click("#funnel-leads a[href='/funnel/leads/" + leadId + "']");
            awaitText("main h1", "Bor " + lastName);
            browser.click("#funnel-lead-convert");
            browser.find("dialog#funnel-convert[open]");
            assertTrue(browser.find("#convert-createDeal").isSelected(), "a deal is offered by default");
            new Select(browser.find("#convert-pipelineId")).selectByValue(pipelineId);
            browser.type("#convert-dealTitle", "Breznik quote " + u);
            browser.type("#convert-amount", "750.50");
            browser.type("#convert-currency", "eur");
            browser.click("#funnel-convert-submit");
            browser.find("#funnel-lead-links a[data-link='deal']");
            awaitGone("dialog#funnel-convert");
            String personHref = browser.find("#funnel-lead-links a[data-link='person']").getAttribute("href");
            String personId = personHref.substring(personHref.lastIndexOf('/') + 1);
            JsonNode person = admin.get("contacts/people/" + personId).expect(200).json();
            assertEquals(email, person.path("emails").get(0).path("address").asText(), "the person exists with the lead's email");
            assertTrue(text("#funnel-lead-links a[data-link='organization']").contains(company), text("#funnel-lead-links"));
            JsonNode lead = admin.get("funnel/leads/" + leadId).expect(200).json();
            assertEquals("converted", lead.path("status").asText());
            assertEquals(personId, lead.path("personId").asText());
            JsonNode deal = admin.get("funnel/deals/" + lead.path("dealId").asText()).expect(200).json();
            assertEquals("750.50", deal.path("amount").asText());
            assertEquals("EUR", deal.path("currency").asText());
            assertEquals(pipelineId, deal.path("pipelineId").asText());
            assertTrue(text("#funnel-lead-links a[data-link='deal']").contains("Breznik quote " + u));
            assertFalse(browser.exists("#funnel-lead-convert") || browser.exists("#funnel-lead-edit"), "a converted lead is read-only");
            browser.screenshot("funnel-lead-converted");
            open("/funnel/leads/" + leadId + "/edit");
            browser.find("main .alert.error");
            assertFalse(browser.exists("#funnel-lead-form"), "no form for a converted lead");

            // A new lead through the form whose email is that person's: its page says so and links to them.
            open("/funnel/leads/new");
            browser.type("#lead-firstName", "Bor");
            browser.type("#lead-lastName", "Again" + u);
            browser.type("#lead-email", email.toUpperCase(java.util.Locale.ROOT));
            browser.click("#funnel-lead-form button[type=submit]");
            browser.find("#funnel-lead-matches a[data-person='" + personId + "']");
            assertTrue(text("#funnel-lead-matches").contains("Bor " + lastName), text("#funnel-lead-matches"));

            // A product with two prices, then deactivated.
            String sku = "SKU-" + u.toUpperCase(java.util.Locale.ROOT);
            open("/funnel/products/new");
            browser.type("#product-sku", sku);
            browser.type("#product-name", "Seahorse food " + u);
            browser.type("#funnel-prices tr[data-index='0'] input[name='currency']", "EUR");
            browser.type("#funnel-prices tr[data-index='0'] input[name='amount']", "19.90");
            browser.click("#funnel-price-add");
            browser.type("#funnel-prices tr[data-index='1'] input[name='currency']", "usd");
            browser.type("#funnel-prices tr[data-index='1'] input[name='amount']", "21.5");
            browser.click("#funnel-product-form button[type=submit]");
            awaitText("main h1", "Seahorse food " + u);
            JsonNode product = admin.get("funnel/products?q=" + sku).expect(200).json().path("items").get(0);
            assertEquals(sku, product.path("sku").asText());
            assertEquals("EUR", product.path("prices").get(0).path("currency").asText());
            assertEquals("19.90", product.path("prices").get(0).path("amount").asText());
            assertEquals("USD", product.path("prices").get(1).path("currency").asText());
            assertEquals("21.50", product.path("prices").get(1).path("amount").asText());
            browser.click("#funnel-product-active");
            browser.find("#funnel-product-inactive");
            assertFalse(admin.get("funnel/products/" + product.path("id").asText()).expect(200).json().path("active").asBoolean());

            // An order imported through the API, opened from the list with its lines.
            String number = "WEB-" + u.toUpperCase(java.util.Locale.ROOT);
            JsonNode job = BlackBox.importCsv(admin, "funnel/import?type=orders", "orderNumber,customerEmail,orderedAt,sku,quantity,unitPrice,currency\n"
                    + number + "," + email + ",2026-11-03," + sku + ",2,19.90,EUR\n");
            assertEquals(1, job.path("created").asInt(), job.toString());
            JsonNode order = admin.get("funnel/orders?q=" + number).expect(200).json().path("items").get(0);
            assertEquals("39.80", order.path("total").asText());
            open("/funnel/orders?q=" + number);
            browser.click("#funnel-orders a[href='/funnel/orders/" + order.path("id").asText() + "']");
            awaitText("main h1", number);
            assertTrue(text("#funnel-order-lines").contains(sku), text("#funnel-order-lines"));
            assertEquals("€39.80", text("#funnel-order-total"));
            assertTrue(text("#funnel-order-facts").contains("Bor " + lastName), "the customer is named: " + text("#funnel-order-facts"));

            // The forecast table shows what the API gives.
            for (var d : List.of(Map.of("title", "F1 " + u, "amount", "1000.00", "expectedClose", "2031-02-10"),
                    Map.of("title", "F2 " + u, "amount", "500.00", "expectedClose", "2031-03-20", "stageId", proposal))) {
                Map<String, Object> body = new java.util.HashMap<>(d);
                body.put("pipelineId", pipelineId);
                body.put("currency", "EUR");
                admin.post("funnel/deals", body).expect(201);
            }
            String range = "pipelineId=" + pipelineId + "&from=2031-01-01&to=2031-12-31&period=quarter&groupBy=stage";
            JsonNode rows = admin.get("funnel/forecast?" + range).expect(200).json().path("periods");
            assertEquals(2, rows.size(), rows.toString());
            open("/funnel/forecast?" + range);
            browser.find(".funnel-forecast[data-currency='EUR'] tfoot");
            assertEquals("2031-01-01", browser.find("#forecast-from").getAttribute("value"));
            for (JsonNode r : rows) {
                String row = ".funnel-forecast[data-currency='EUR'] tr[data-period='" + r.path("period").asText() + "'][data-key='"
                        + r.path("key").asText() + "'] ";
                assertEquals(String.valueOf(r.path("count").asLong()), text(row + "[data-figure='count']"));
                for (String figure : List.of("amount", "weighted", "won")) {
                    assertEquals(euros(r.path(figure).asText()), text(row + "[data-figure='" + figure + "']"), figure + " of " + r);
                }
            }
            assertEquals("€350.00", text(".funnel-forecast[data-currency='EUR'] tfoot [data-figure='weighted']"), "10 % of 1,000 and 50 % of 500");
            assertEquals("€1,500.00", text(".funnel-forecast[data-currency='EUR'] tfoot [data-figure='amount']"));
            browser.screenshot("funnel-forecast");
        } finally {
            admin.post("modules/funnel/disable", Map.of()).expect(200);
            // Off before the next test switches it on again: a switch still settling makes the next one race it.
            BlackBox.await(() -> admin.get("funnel/pipelines"), 404);
        }
    }

    /**
     * The tickets pages: the desk set up in the browser (a calendar refused for a Monday that ends
     * before it starts, then saved; a queue; an SLA policy; the queue's mailbox), a ticket opened through the form
     * (refused without a requester, the subject kept), its SLA clocks shown, a public reply and an
     * internal note that look different, a pause, and a change that lost a race to someone else's.
     */
    @Test
    @Order(11)
    void ticketsAreSetUpOpenedAnsweredAndNotedWithTheirSlaInTheBrowser() throws Exception {
        signedIn();
        Contacts.enable(admin);
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("tickets/queues"), 200);
        try {
            String u = BlackBox.unique("t").replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
            String lastName = "Kos" + u;
            String person = admin.post("contacts/people", Map.of("firstName", "Tina", "lastName", lastName)).expect(201).json()
                    .path("id").asText();

            // The desk's set-up: a calendar around the clock (so the due times follow the wall clock), a queue, a policy.
            open("/tickets/setup");
            watchPageErrors();
            browser.click("#tickets-calendars-new");
            browser.type("#calendar-name", "Desk " + u);
            new Select(browser.find("#calendar-timeZone")).selectByValue("Europe/Ljubljana");
            for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
                browser.type("#calendar-hours_" + day, "monday".equals(day) ? "17:00-09:00" : "00:00-00:00");
            }
            browser.click("#calendar-form button[type=submit]");
            browser.find("#calendar-hours_monday-error");
            assertEquals("true", browser.find("#calendar-hours_monday").getAttribute("aria-invalid"));
            assertEquals("Desk " + u, browser.find("#calendar-name").getAttribute("value"), "what was typed stays");
            browser.type("#calendar-hours_monday", "00:00-00:00");
            browser.click("#calendar-form button[type=submit]");
            awaitText("#tickets-calendars", "Desk " + u);
            assertTrue(text("#tickets-calendars").contains("Around the clock"), text("#tickets-calendars"));
            String calendar = idNamed(admin.get("tickets/calendars").expect(200).json(), "Desk " + u);
            // Edited: the form shows what is stored, and a holiday is added.
            browser.click("#tickets-calendars tr[data-id='" + calendar + "'] a");
            assertEquals("00:00–00:00", browser.find("#calendar-hours_tuesday").getAttribute("value"));
            browser.type("#calendar-holidays", "2030-12-25");
            browser.click("#calendar-form button[type=submit]");
            awaitText("#tickets-calendars tr[data-id='" + calendar + "']", "2030");
            assertEquals("2030-12-25", admin.get("tickets/calendars/" + calendar).expect(200).json().path("holidays").get(0).asText());

            browser.click("#tickets-queues-new");
            browser.type("#queue-name", "Printers " + u);
            browser.click("#queue-form button[type=submit]");
            awaitText("#tickets-queues", "Printers " + u);
            String queue = idNamed(admin.get("tickets/queues").expect(200).json(), "Printers " + u);

            browser.click("#tickets-policies-new");
            browser.type("#policy-name", "Printer SLA " + u);
            new Select(browser.find("#policy-calendarId")).selectByValue(calendar);
            new Select(browser.find("#policy-queueId")).selectByValue(queue);
            browser.type("#policy-normal_firstResponse", "60");
            browser.type("#policy-normal_resolution", "480");
            browser.click("#policy-form button[type=submit]");
            awaitText("#tickets-policies", "Printer SLA " + u);
            JsonNode policy = admin.get("tickets/sla-policies").expect(200).json();
            assertTrue(policy.toString().contains("\"firstResponse\":60"), policy.toString());

            // The queue's mailbox: a bad address named at its input, then saved; the password never comes back.
            browser.click("#tickets-mailboxes-new");
            new Select(browser.find("#mailbox-queueId")).selectByValue(queue);
            browser.type("#mailbox-address", "not an address");
            // A local port nothing listens on: the server's attempts to read it stay on this machine.
            browser.type("#mailbox-imapHost", "127.0.0.1");
            browser.type("#mailbox-imapPort", "9");
            new Select(browser.find("#mailbox-imapSecurity")).selectByValue("none");
            browser.type("#mailbox-imapUser", "printers");
            browser.type("#mailbox-imapPassword", "Imap-pw-" + u);
            browser.click("#mailbox-form button[type=submit]");
            browser.find("#mailbox-address-error");
            browser.type("#mailbox-address", "printers-" + u + "@desk.example.com");
            browser.type("#mailbox-imapPassword", "Imap-pw-" + u);
            browser.click("#mailbox-form button[type=submit]");
            awaitText("#tickets-mailboxes", "printers-" + u + "@desk.example.com");
            assertTrue(text("#tickets-mailboxes").contains("printers@127.0.0.1:9"), text("#tickets-mailboxes"));
            JsonNode mailboxes = admin.get("tickets/mailboxes").expect(200).json();
            assertFalse(mailboxes.toString().contains("Imap-pw-"), mailboxes.toString());
            assertTrue(mailboxes.toString().contains("\"imapPasswordSet\":true"), mailboxes.toString());

            assertNoPageErrors();
            // A new ticket: refused without a requester (the subject stays), then opened for the person found by name.
            open("/tickets");
            watchPageErrors();
            browser.find("nav#main-nav a[href='/tickets']");
            browser.click("#tickets-new");
            browser.type("#ticket-subject", "Printer jams " + u);
            browser.click("#tickets-form button[type=submit]");
            browser.find("#ticket-requesterId-error");
            assertEquals("Printer jams " + u, browser.find("#ticket-subject").getAttribute("value"));
            browser.type("#ticket-requesterId", lastName);
            browser.click("#ticket-requesterId-list li[data-value='" + person + "']");
            new Select(browser.find("#ticket-queueId")).selectByValue(queue);
            browser.type("#ticket-tags", "hardware, floor 2");
            browser.click("#tickets-form button[type=submit]");
            awaitText("main h1", "Printer jams " + u);
            JsonNode ticket = admin.get("tickets?queueId=" + queue).expect(200).json().path("items").get(0);
            String id = ticket.path("id").asText();
            assertEquals(person, ticket.path("requesterId").asText());
            assertEquals(List.of("hardware", "floor 2"), List.of(ticket.path("tags").get(0).asText(), ticket.path("tags").get(1).asText()));

            // The SLA clocks: first response and resolution running with their due times, no next response owed yet.
            browser.find("#tickets-sla tr[data-clock='firstResponse'][data-state='due']");
            assertTrue(text("#tickets-sla tr[data-clock='firstResponse']").contains("Due"), text("#tickets-sla"));
            browser.find("#tickets-sla tr[data-clock='resolution'][data-state='due']");
            browser.find("#tickets-sla tr[data-clock='nextResponse'][data-state='none']");

            // A public reply meets the first response; an internal note looks different and changes no clock.
            assertTrue(browser.find("#tickets-reply-public").isSelected(), "a public reply by default");
            browser.type("#tickets-reply-body", "We are sending a technician.");
            browser.click("#tickets-reply-send");
            awaitText("#tickets-conversation li.public", "We are sending a technician.");
            browser.find("#tickets-sla tr[data-clock='firstResponse'][data-state='met']");
            browser.click("#tickets-reply-internal");
            awaitText("#tickets-reply-send", "Add note");
            browser.type("#tickets-reply-body", "Tray 2 again, third time this month.");
            browser.click("#tickets-reply-send");
            awaitText("#tickets-conversation li.internal", "Tray 2 again");
            assertTrue(text("#tickets-conversation li.public").contains("Public reply"), text("#tickets-conversation"));
            assertTrue(text("#tickets-conversation li.internal").contains("Internal note"), text("#tickets-conversation"));
            JsonNode comments = admin.get("tickets/" + id + "/comments").expect(200).json().path("items");
            assertEquals(2, comments.size(), comments.toString());
            assertTrue(comments.get(0).path("isPublic").asBoolean());
            assertFalse(comments.get(1).path("isPublic").asBoolean());
            assertEquals("open", admin.get("tickets/" + id).expect(200).json().path("status").asText(), "the reply opened the ticket");

            // Pending pauses the clocks, and the page says so; the assignee is picked by name in the same change.
            new Select(browser.find("#tickets-change-status")).selectByValue("pending");
            browser.type("#tickets-change-assigneeId", "admin");
            String assignee = browser.find("#tickets-change-assigneeId-list li").getAttribute("data-value");
            browser.click("#tickets-change-assigneeId-list li");
            browser.click("#tickets-change button[type=submit]");
            browser.find("#tickets-paused");
            browser.find("#tickets-sla tr[data-clock='resolution'][data-state='paused']");
            JsonNode changed = admin.get("tickets/" + id).expect(200).json();
            assertEquals("pending", changed.path("status").asText());
            assertEquals(assignee, changed.path("assigneeId").asText());
            ((JavascriptExecutor) driver).executeScript("document.getElementById('tickets-sla').scrollIntoView()");
            browser.screenshot("tickets-ticket");

            // Someone else raises the priority meanwhile: the page's change is refused, shows the ticket as it is now, keeps the choice.
            JsonNode now = admin.get("tickets/" + id).expect(200).json();
            admin.patch("tickets/" + id, Map.of("priority", "urgent", "version", now.path("version").asLong())).expect(200);
            new Select(browser.find("#tickets-change-priority")).selectByValue("high");
            browser.click("#tickets-change button[type=submit]");
            awaitText("#tickets-conflict", "Urgent");
            assertEquals("high", new Select(browser.find("#tickets-change-priority")).getFirstSelectedOption().getAttribute("value"));
            assertEquals("urgent", admin.get("tickets/" + id).expect(200).json().path("priority").asText());
            assertNoPageErrors();

            // The list: number, requester, status, queue and the SLA column, filtered by the queue.
            open("/tickets?queueId=" + queue);
            String row = "#tickets-list tr[data-id='" + id + "']";
            awaitText(row, "Printer jams " + u);
            String cells = text(row);
            for (String expected : List.of("#" + ticket.path("number").asText(), "Tina " + lastName, "Pending", "Urgent", "Printers " + u, "Paused")) {
                assertTrue(cells.contains(expected), expected + " in " + cells);
            }
            browser.screenshot("tickets-list");

            // At phone width the list, the ticket and the set-up fit the screen.
            driver.manage().window().setSize(new Dimension(390, 844));
            for (var page : Map.of("/tickets", "#tickets-list", "/tickets/" + id, "#tickets-sla", "/tickets/setup", "#tickets-queues",
                    "/tickets/new", "#tickets-form").entrySet()) {
                open(page.getKey());
                browser.find(page.getValue());
                long overflow = (Long) ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertTrue(overflow <= 0, page + " scrolls sideways by " + overflow);
            }
            browser.screenshot("tickets-phone");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
            admin.post("modules/tickets/disable", Map.of()).expect(200);
        }
    }

    /**
     * The campaigns' pages: a template refused for an unknown merge field then saved and previewed
     * for a person in a sandboxed frame without its script, a segment whose live count finds the
     * person while its rule is typed, a draft campaign with its follow-up, and a web form whose
     * snippet the page shows.
     */
    @Test
    @Order(12)
    void campaignsTemplatesSegmentsCampaignsAndWebFormsHaveTheirPages() throws Exception {
        signedIn();
        Contacts.enable(admin);
        admin.post("modules/campaigns/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("campaigns/templates"), 200);
        var smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1",
                com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        try {
            String u = BlackBox.unique("c").replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
            String person = admin.post("contacts/people", Map.of("firstName", "Vesna", "lastName", "Mlakar" + u,
                    "emails", List.of(Map.of("address", u + "@example.com", "label", "work")), "tags", List.of("fair" + u))).expect(201).json()
                    .path("id").asText();

            open("/campaigns/templates");
            watchPageErrors();
            browser.click("#campaigns-templates-new");
            browser.type("#template-name", "Fair " + u);
            browser.type("#template-subject", "Hello {{person.shoeSize}}");
            browser.type("#template-html", "<p>Hi {{person.firstName|there}}</p><script>alert(1)</script>");
            browser.type("#template-text", "Hi {{person.firstName|there}}");
            browser.click("#template-form button[type=submit]");
            awaitText("#template-subject-error", "person.shoeSize");
            assertEquals("true", browser.find("#template-subject").getAttribute("aria-invalid"));
            browser.type("#template-subject", "Hello {{person.firstName|there}}");
            browser.click("#template-form button[type=submit]");
            awaitText("main h1", "Fair " + u);
            browser.type("#template-preview-personId", "Mlakar" + u);
            browser.click("#template-preview-personId-list li[data-value='" + person + "']");
            browser.click("#template-preview button[type=submit]");
            awaitText("#template-preview-subject", "Hello Vesna");
            // The HTML part as it will look, in a sandboxed frame of its own: merged, sanitised (no
            // script), and none of it put into the page itself.
            org.openqa.selenium.WebElement frame = browser.find("#template-preview-frame");
            assertEquals("", frame.getAttribute("sandbox"), "the frame allows nothing");
            assertFalse(browser.exists("#template-preview-result p"), "the preview's HTML is not part of the page");
            browser.driver.switchTo().frame(frame);
            try {
                browser.await(d -> d.findElements(By.tagName("p")).stream().anyMatch(p -> "Hi Vesna".equals(p.getText())));
                assertTrue(browser.driver.findElements(By.tagName("script")).isEmpty(), "the template's script is gone");
            } finally {
                browser.driver.switchTo().defaultContent();
            }
            String template = idNamed(admin.get("campaigns/templates").expect(200).json(), "Fair " + u);

            assertNoPageErrors();
            open("/campaigns/segments");
            watchPageErrors();
            browser.click("#campaigns-segments-new");
            browser.type("#segment-name", "Fair visitors " + u);
            browser.type("#segment-rule-0-value", "fair" + u);
            browser.await(d -> "1".equals(d.findElement(By.id("segment-count")).getAttribute("data-count")));
            awaitText("#segment-sample", "Vesna");
            browser.click("#segment-form button[type=submit]");
            awaitText("main h1", "Fair visitors " + u);
            String segment = idNamed(admin.get("campaigns/segments").expect(200).json(), "Fair visitors " + u);

            assertNoPageErrors();
            open("/campaigns");
            watchPageErrors();
            browser.click("#campaigns-new");
            browser.type("#campaign-name", "Spring fair " + u);
            browser.type("#campaign-segmentId", "Fair visitors " + u);
            browser.click("#campaign-segmentId-list li[data-value='" + segment + "']");
            browser.type("#campaign-templateId", "Fair " + u);
            browser.click("#campaign-templateId-list li[data-value='" + template + "']");
            browser.type("#campaign-taskDueDays", "2");
            browser.type("#campaign-reminderDays", "400");
            browser.click("#campaign-form button[type=submit]");
            awaitText("#campaign-reminderDays-error", "365");
            browser.type("#campaign-reminderDays", "4");
            browser.click("#campaign-form button[type=submit]");
            awaitText("main h1", "Spring fair " + u);
            awaitText("#campaigns-state", "Draft");
            browser.find("#campaigns-chart-none");
            browser.find("#campaigns-interested-none");
            String campaign = idNamed(admin.get("campaigns").expect(200).json(), "Spring fair " + u);
            JsonNode followUp = admin.get("campaigns/" + campaign).expect(200).json().path("followUp");
            assertEquals("[\"reply\",\"click\"]", followUp.path("on").toString());
            assertEquals(2, followUp.path("taskDueDays").asInt());
            assertEquals(4, followUp.path("reminderDays").asInt());
            // Sent from its page to a real SMTP server, opened once: the chart draws the open, its table says 1, the recipient is listed.
            JsonNode mail = admin.get("campaigns/settings/mail").expect(200).json();
            Map<String, Object> settings = new java.util.HashMap<>(Map.of("smtpHost", "127.0.0.1", "smtpPort", smtp.getSmtp().getPort(),
                    "smtpSecurity", "none", "fromAddress", "news@example.com", "ratePerMinute", 600, "publicBaseUrl", "https://crm.example.com",
                    // On a database other classes filled, no account of theirs stays: this server takes mail without one.
                    "smtpPassword", "", "imapPassword", ""));
            if (mail.path("configured").asBoolean()) {
                settings.put("version", mail.path("version").asLong());
            }
            admin.put("campaigns/settings/mail", settings).expect(200);
            browser.click("#campaigns-send");
            awaitText("#page .alert.success", "Sending has started");
            browser.await(d -> "sent".equals(admin.get("campaigns/" + campaign).expect(200).json().path("state").asText()));
            var pixel = java.util.regex.Pattern.compile("https://crm\\.example\\.com(/api/v1/campaigns/t/o/[^\"]+)\"").matcher(
                    String.valueOf(((jakarta.mail.internet.MimeMultipart) smtp.getReceivedMessages()[0]
                            .getContent()).getBodyPart(1).getContent()));
            assertTrue(pixel.find());
            assertEquals(200, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.uri(
                    pixel.group(1).replace("&amp;", "&"))).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
            assertNoPageErrors();
            driver.navigate().refresh();
            watchPageErrors();
            browser.find("#campaigns-chart svg[role='img']");
            // The figures' table is in a closed <details>: present for screen readers, not shown.
            assertEquals("1", driver.findElement(By.cssSelector("#campaigns-chart-table td[data-series='opened']"))
                    .getAttribute("textContent").trim());
            awaitText("#campaigns-recipients", "Vesna");
            awaitText("dd[data-stat='opened']", "1");
            browser.screenshot("campaigns-campaign-page");
            admin.get("campaigns/" + campaign + "/responses?bucket=week").expectProblem(400);

            assertNoPageErrors();
            open("/campaigns/forms");
            watchPageErrors();
            browser.click("#campaigns-forms-new");
            browser.type("#webform-name", "Fair sign-up " + u);
            browser.click("#webform-field-add");
            browser.type("#webform-tags", "fair" + u + ", signed up");
            browser.click("#webform-form button[type=submit]");
            awaitText("main h1", "Fair sign-up " + u);
            browser.await(d -> d.findElement(By.id("webform-snippet")).getAttribute("value").contains("<form"));
            awaitText("#webform-action", "/forms/");
            JsonNode form = admin.get("campaigns/forms/" + idNamed(admin.get("campaigns/forms").expect(200).json(), "Fair sign-up " + u))
                    .expect(200).json();
            assertEquals("firstName", form.path("fields").get(1).path("field").asText());
            assertEquals("signed up", form.path("tags").get(1).asText());
            assertNoPageErrors();
            browser.screenshot("campaigns-web-form");
        } finally {
            smtp.stop();
            admin.post("modules/campaigns/disable", Map.of()).expect(200);
        }
    }

    /** Collects the page's uncaught errors and unhandled promise rejections from now until the next full page load. */
    private static void watchPageErrors() {
        ((JavascriptExecutor) driver).executeScript("window.__pageErrors = [];"
                + "addEventListener('error', (e) => window.__pageErrors.push(String(e.message)));"
                + "addEventListener('unhandledrejection', (e) => window.__pageErrors.push(String(e.reason)));");
    }

    private static void assertNoPageErrors() {
        Object errors = ((JavascriptExecutor) driver).executeScript("return window.__pageErrors");
        assertEquals(List.of(), errors, "errors on the page");
    }

    /** The id of the item of a list answer with that name. */
    private static String idNamed(JsonNode list, String name) {
        for (JsonNode item : list.path("items")) {
            if (name.equals(item.path("name").asText())) {
                return item.path("id").asText();
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    /** An amount of the API in euros as the page shows it in English: "€1,250.00". */
    private static String euros(String amount) {
        return String.format(java.util.Locale.US, "€%,.2f", new java.math.BigDecimal(amount));
    }

    /**
     * Outgoing mail set up in the console (the settings saved, a test mail whose server reply the
     * page shows), then a user invited from the users page who accepts on the invitation's page
     * and signs in. A real SMTP server (GreenMail) takes the mails. Last: it ends signed out.
     */
    @Test
    @Order(20)
    void mailIsSetUpInTheConsoleAndAnInvitedUserAcceptsThroughTheirLink() throws Exception {
        var smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1",
                com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        BlackBox.forgetMailSettings(admin);
        try {
            String team = BlackBox.createTeam(admin);
            JsonNode unavailable = admin.post("invitations", Map.of("username", BlackBox.unique("x"), "email", "x@example.com",
                    "roles", List.of("user"), "teamId", team)).expectProblem(503);
            assertTrue(unavailable.path("detail").asText().contains("outgoing mail"), unavailable.toString());

            signedIn();
            open("/admin/mail");
            awaitText("dd[data-fact='source']", "none");
            browser.type("#mail-host", "127.0.0.1");
            new Select(browser.find("#mail-security")).selectByValue("none");
            browser.type("#mail-port", String.valueOf(smtp.getSmtp().getPort()));
            browser.type("#mail-fromAddress", "crm@example.com");
            browser.type("#mail-fromName", "Kovač CRM");
            browser.click("form.mail-settings button[type=submit]");
            awaitText("form.mail-settings .alert.success", "Saved");
            awaitText("dd[data-fact='source']", "saved here");
            assertEquals("127.0.0.1", admin.get("mail/settings").expect(200).json().path("host").asText());

            browser.type("#mail-test-to", "ana@example.com");
            browser.click("#mail-test-send");
            awaitText("#mail-test-result code.server-reply", "250");
            assertTrue(smtp.waitForIncomingEmail(30_000, 1), "the test mail arrives");
            browser.screenshot("30-mail-settings-test");

            String username = BlackBox.unique("zoe");
            open("/admin/users");
            browser.type("#invite-username", username);
            browser.type("#invite-email", username + "@example.com");
            new Select(browser.find("#invite-teamId")).selectByIndex(1);
            browser.click("form.invite button[type=submit]");
            awaitText("form.invite .alert.success", username);
            awaitText("tr[data-user='" + username + "'] td[data-status='invited']", "Invited");
            browser.screenshot("31-user-invited");
            assertTrue(smtp.waitForIncomingEmail(30_000, 2), "the invitation arrives");
            String body = smtp.getReceivedMessages()[1].getContent().toString();
            var link = java.util.regex.Pattern.compile("https://crm\\.example\\.com(/accept-invitation#token=[A-Za-z0-9_-]{40,})").matcher(body);
            assertTrue(link.find(), body);

            // The invitee's own browser: nobody is signed in there.
            driver.manage().deleteAllCookies();
            open(link.group(1));
            awaitText("#invite-greeting", username);
            browser.type("#invite-password", "Zoe's own passphrase 5");
            browser.type("#invite-repeat", "Zoe's other passphrase");
            browser.click("form.invite-form button[type=submit]");
            awaitText("#invite-error", "not the same");
            browser.type("#invite-repeat", "Zoe's own passphrase 5");
            browser.click("form.invite-form button[type=submit]");
            awaitText("#invite-done", username);
            browser.screenshot("32-invitation-accepted");
            assertFalse(driver.getCurrentUrl().contains("token="), "the spent link leaves the address bar");
            browser.click("#invite-sign-in");
            assertEquals(username, browser.find("#signin-username").getAttribute("value"));
            browser.find("#signin-password").sendKeys("Zoe's own passphrase 5", Keys.ENTER);
            awaitText("#user-menu-button", username);

            // The same link again says it was used.
            open(link.group(1));
            awaitText("#invite-invalid", "accepted already");
            open("/");
            browser.click("#user-menu-button");
            browser.click("#sign-out");
            browser.find("#signin-username");
        } finally {
            // The settings point at this method's mail server, which stops now.
            BlackBox.forgetMailSettings(admin);
            smtp.stop();
        }
    }

    /**
     * Analytics in the browser: a dashboard built on its page, a widget added whose chart ECharts
     * draws, and the widget exported as CSV through its link — the same file the API gives. The
     * modules are left as they were found (on a shared database another class may have them on).
     */
    @Test
    @Order(30)
    void aDashboardIsBuiltItsChartDrawnAndAWidgetExported() throws Exception {
        signedIn();
        Contacts.enable(admin);
        boolean funnelWasOn = "enabled".equals(moduleState("funnel"));
        boolean analyticsWasOn = "enabled".equals(moduleState("analytics"));
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        admin.post("modules/analytics/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("analytics/metrics/funnel.orders.count"), 200);
        try {
            // An order today, so that the chart and the file hold a figure.
            String sku = BlackBox.unique("W").toUpperCase(java.util.Locale.ROOT);
            admin.post("funnel/products", Map.of("sku", sku, "name", "Widget " + sku, "prices", List.of(Map.of("currency", "EUR", "amount", "10.00"))))
                    .expect(201);
            String buyer = admin.post("contacts/people", Map.of("firstName", "Bo", "lastName", BlackBox.unique("Kupec"))).expect(201).json()
                    .path("id").asText();
            admin.post("funnel/orders", Map.of("number", sku, "personId", buyer, "currency", "EUR", "orderedAt", java.time.Instant.now().toString(),
                    "lines", List.of(Map.of("sku", sku, "quantity", "1")))).expect(201);
            String name = BlackBox.unique("Board");
            open("/analytics");
            watchPageErrors();
            browser.type("#dashboard-name", name);
            browser.click("form.card button.primary");
            browser.await(d -> d.getCurrentUrl().contains("/analytics/dashboards/"));
            String dashboard = driver.getCurrentUrl().replaceAll("^.*/analytics/dashboards/([^/?#]+).*$", "$1");
            new Select(browser.find("#widget-type")).selectByValue("bar");
            new Select(browser.find("#widget-metric")).selectByValue("funnel.orders.count");
            new Select(browser.find("#widget-period")).selectByValue("last12months");
            browser.type("#widget-title", "Orders by month");
            browser.click("form.analytics-add button.primary");
            awaitText("section.analytics-widget h2", "Orders by month");
            browser.find("section.analytics-widget[data-type='bar'] .analytics-chart canvas");
            String widget = browser.find("section.analytics-widget").getAttribute("data-widget");
            JsonNode stored = admin.get("analytics/dashboards/" + dashboard).expect(200).json();
            assertEquals(name, stored.path("name").asText());
            assertEquals("funnel.orders.count", stored.path("widgets").get(0).path("metric").asText(), stored.toString());

            String href = browser.find("section.analytics-widget a[download]").getAttribute("href");
            assertTrue(href.endsWith("/api/v1/analytics/dashboards/" + dashboard + "/widgets/" + widget + "/data?format=csv"), href);
            String csv = (String) ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0], { credentials: 'same-origin' }).then((r) => r.text()).then(done, (e) => done('failed: ' + e));", href);
            String byApi = admin.get("analytics/dashboards/" + dashboard + "/widgets/" + widget + "/data?format=csv").expect(200).body();
            // The browser hands the text over with its line ends as \n.
            String file = csv.replace("\uFEFF", "").replace("\r\n", "\n");
            assertEquals(byApi.replace("\uFEFF", "").replace("\r\n", "\n"), file, "the link downloads the widget's figures");
            assertTrue(file.startsWith("period,bucket,key,currency,value\ncurrent,"), file);
            assertNoPageErrors();

            // Pinned, the widget's chart is on the start page too.
            browser.click("section.analytics-widget button.analytics-pin");
            browser.await(d -> "true".equals(d.findElement(By.cssSelector("section.analytics-widget button.analytics-pin")).getAttribute("aria-pressed")));
            assertTrue(admin.get("analytics/dashboards/" + dashboard).expect(200).json().path("widgets").get(0).path("pinned").asBoolean());
            // The start page is the user's day once the setup is done (the first test of this class).
            open("/");
            awaitText("[data-panel='analytics:pinned']", "Orders by month");
            browser.find("[data-panel='analytics:pinned'] .analytics-chart canvas");
        } finally {
            if (!analyticsWasOn) {
                admin.post("modules/analytics/disable", Map.of()).expect(200);
            }
            if (!funnelWasOn) {
                admin.post("modules/funnel/disable", Map.of()).expect(200);
                BlackBox.await(() -> admin.get("funnel/pipelines"), 404);
            }
        }
    }

    // Issue 21: panels other modules contribute to record pages, here analytics' on a person's and a product's page.

    /** A product of the price list at 10.00 in the currency; its id. */
    private static String panelProduct(String sku, String currency) {
        return admin.post("funnel/products", Map.of("sku", sku, "name", "Panel " + sku, "prices", List.of(Map.of("currency", currency, "amount",
                "10.00")))).expect(201).json().path("id").asText();
    }

    private static void panelOrder(String person, String currency, java.time.Instant at, String... skus) {
        admin.post("funnel/orders", Map.of("number", BlackBox.unique("PN").toUpperCase(java.util.Locale.ROOT), "personId", person,
                "currency", currency, "orderedAt", at.toString(), "lines", java.util.Arrays.stream(skus).map(sku -> Map.of("sku", sku,
                        "quantity", "1")).toList())).expect(201);
    }

    /**
     * Analytics' panels on other modules' pages: a person who bought a lamp twice shows their RFM
     * segment (as the API computes it among every customer the administrator sees), churn risk and
     * lifetime value on their page, and that customers who bought the lamp also bought a bulb; the
     * lamp's page lists the bulb as bought together with its confidence and lift. The basket rules
     * are computed by a job, so a panel may first say they are being computed. Enough orders of
     * the two together that the default thresholds hold among whatever else the shared database
     * holds; the modules are left as they were found.
     */
    @Test
    @Order(31)
    void analyticsPanelsOnAPersonsPageAndAProductsPage() throws Exception {
        signedIn();
        Contacts.enable(admin);
        boolean funnelWasOn = "enabled".equals(moduleState("funnel"));
        boolean analyticsWasOn = "enabled".equals(moduleState("analytics"));
        admin.post("modules/funnel/enable", Map.of()).expect(200);
        admin.post("modules/analytics/enable", Map.of()).expect(200);
        BlackBox.awaitJson(() -> admin.get("ui/panels?record=funnel.product"), list -> list.toString().contains("\"together\""),
                java.time.Duration.ofSeconds(30), "analytics' panel for products");
        try {
            String currency = admin.get("settings").expect(200).json().path("currency").asText("");
            currency = currency.isEmpty() ? "EUR" : currency;
            String u = BlackBox.unique("").replace("-", "").toUpperCase(java.util.Locale.ROOT);
            String lamp = "LAMP-" + u;
            String bulb = "BULB-" + u;
            String lampId = panelProduct(lamp, currency);
            panelProduct(bulb, currency);
            String pia = admin.post("contacts/people", Map.of("firstName", "Pia", "lastName", BlackBox.unique("Panel"))).expect(201).json()
                    .path("id").asText();
            String other = admin.post("contacts/people", Map.of("firstName", "Oto", "lastName", BlackBox.unique("Panel"))).expect(201).json()
                    .path("id").asText();
            // Support at least 1 % of every order there is, confidence at least 50 % (n of the lamp's n + 2 orders).
            long orders = admin.get("funnel/orders?limit=1").expect(200).json().path("total").asLong();
            long together = Math.max(3, (long) Math.ceil((orders + 2) * 0.0102) + 1);
            java.time.Instant now = java.time.Instant.now();
            for (int i = 0; i < together; i++) {
                panelOrder(other, currency, now.minus(java.time.Duration.ofDays(i + 1)), lamp, bulb);
            }
            panelOrder(pia, currency, now.minus(java.time.Duration.ofDays(60)), lamp);
            panelOrder(pia, currency, now.minus(java.time.Duration.ofDays(20)), lamp);
            JsonNode figures = admin.get("analytics/people/" + pia + "?currency=" + currency).expect(200).json();
            String segment = figures.path("rfm").path("segment").asText();
            assertFalse(segment.isEmpty(), figures.toString());

            open("/contacts/people/" + pia);
            watchPageErrors();
            String panel = "[data-panel='analytics:customer']";
            awaitText(panel + " h2", "Customer analysis");
            awaitText(panel + " [data-fact='segment']", segment);
            assertEquals(segment, browser.find(panel + " [data-fact='segment']").getAttribute("data-segment"));
            awaitText(panel + " [data-fact='churn']", "the last one was");
            assertEquals(figures.path("churnRisk").path("risk").asText(), browser.find(panel + " [data-fact='churn']").getAttribute("data-risk"));
            if ("EUR".equals(currency)) {
                awaitText(panel + " [data-fact='lifetimeValue']", euros("20.00"));
            }
            // Bought together: the rules are computed by a job, so the panel may first say so (or show the
            // previous computation while a new one runs), then the rule.
            browser.await(d -> !d.findElements(By.cssSelector(panel + " li[data-sku='" + bulb + "'], " + panel + " .analytics-computing, "
                    + panel + " .analytics-computed")).isEmpty());
            awaitText(panel + " li[data-sku='" + bulb + "']", bulb);
            assertTrue(text(panel + " li[data-sku='" + bulb + "']").contains(lamp), "the rule starts from what she bought");
            browser.screenshot("analytics-person-panel");

            open("/funnel/products/" + lampId);
            watchPageErrors();
            String productPanel = "[data-panel='analytics:together']";
            awaitText(productPanel + " h2", "Bought together");
            awaitText(productPanel + " li[data-sku='" + bulb + "']", bulb);
            JsonNode rule = admin.get("analytics/basket/rules?sku=" + lamp).expect(200).json().path("rules").get(0);
            assertEquals(List.of(bulb), List.of(rule.path("consequent").get(0).asText()), rule.toString());
            String shown = text(productPanel + " li[data-sku='" + bulb + "'] [data-fact='figures']");
            assertTrue(shown.contains("confidence") && shown.contains("lift") && shown.contains(String.valueOf(together)), shown);
            browser.screenshot("analytics-product-panel");
            assertNoPageErrors();
        } finally {
            if (!analyticsWasOn) {
                admin.post("modules/analytics/disable", Map.of()).expect(200);
            }
            if (!funnelWasOn) {
                admin.post("modules/funnel/disable", Map.of()).expect(200);
                BlackBox.await(() -> admin.get("funnel/pipelines"), 404);
            }
        }
    }

    /**
     * The customer portal in the browser (issue 20): staff give a person access through the API,
     * the customer sets a password through the invitation's link and signs in to {@code /portal}
     * with the portal's own session (the staff session signed out first), changes their phone
     * number, opens a ticket, and reads the desk's public answer but never its internal note.
     * Ends with the customer signed out; mail settings and the tickets module as they were found.
     */
    @Test
    @Order(40)
    void aCustomerSignsInToThePortalKeepsTheirPhoneOpensATicketAndReadsTheAnswerButNeverTheNote() throws Exception {
        var smtp = new com.icegreen.greenmail.util.GreenMail(new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1",
                com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Contacts.enable(admin);
        boolean ticketsWasOn = "enabled".equals(moduleState("tickets"));
        admin.post("modules/tickets/enable", Map.of()).expect(200);
        BlackBox.await(() -> admin.get("tickets/queues"), 200);
        try {
            long mailVersion = BlackBox.forgetMailSettings(admin);
            admin.put("mail/settings", Map.of("host", "127.0.0.1", "port", smtp.getSmtp().getPort(), "security", "none",
                    "fromAddress", "desk@example.com", "version", mailVersion)).expect(200);
            String u = BlackBox.unique("p").replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
            String email = "pia-" + u + "@example.com";
            String password = "Pia's portal passphrase 7";
            String person = admin.post("contacts/people", Map.of("firstName", "Pia", "lastName", "Kralj" + u,
                    "emails", List.of(Map.of("address", email, "label", "work")))).expect(201).json().path("id").asText();

            // Staff first: a new ticket's form with the desk's custom fields; a required one left empty is named at its input.
            String contract = "contract_" + u;
            String requiredField = admin.post("tickets/fields", Map.of("entity", "ticket", "key", contract, "label", "Contract " + u,
                    "type", "text", "required", true)).expect(201).json().path("id").asText();
            try {
                admin.post("tickets/fields", Map.of("entity", "ticket", "key", "seats_" + u, "label", "Seats " + u, "type", "number"))
                        .expect(201);
                signedIn();
                open("/tickets/new");
                watchPageErrors();
                browser.type("#ticket-subject", "Renewal " + u);
                browser.type("#ticket-requesterId", "Kralj" + u);
                browser.click("#ticket-requesterId-list li[data-value='" + person + "']");
                browser.type("#ticket-cf-seats_" + u, "12");
                browser.click("#tickets-form button[type=submit]");
                browser.find("#ticket-cf-" + contract + "-error");
                assertEquals("true", browser.find("#ticket-cf-" + contract).getAttribute("aria-invalid"));
                assertEquals("Renewal " + u, browser.find("#ticket-subject").getAttribute("value"), "what was typed stays");
                assertEquals("12", browser.find("#ticket-cf-seats_" + u).getAttribute("value"));
                browser.type("#ticket-cf-" + contract, "Gold " + u);
                browser.click("#tickets-form button[type=submit]");
                awaitText("main h1", "Renewal " + u);
                awaitText("#tickets-facts dd[data-field='cf." + contract + "']", "Gold " + u);
                browser.screenshot("portal-staff-custom-fields");
                JsonNode renewal = admin.get("tickets?requesterId=" + person).expect(200).json().path("items").path(0);
                assertEquals("Gold " + u, renewal.path("customFields").path(contract).asText(), renewal.toString());
                assertEquals(12, renewal.path("customFields").path("seats_" + u).asInt(), renewal.toString());
                assertNoPageErrors();
            } finally {
                // Archived at once: a required field would refuse the tickets of every later test on the same database.
                admin.delete("tickets/fields/" + requiredField).expect(204);
            }

            admin.post("portal/access", Map.of("personId", person)).expect(201);
            String mail = MailIT.awaitMailsTo(smtp, email, 1).get(0).getContent().toString();
            var link = java.util.regex.Pattern.compile("https://crm\\.example\\.com(/portal#accept=[A-Za-z0-9_-]{40,})").matcher(mail);
            assertTrue(link.find(), mail);

            // The customer's browser: the staff session from the earlier steps is ended first.
            open("/");
            browser.await(d -> !d.findElements(By.cssSelector("#signin-username, nav#main-nav")).isEmpty());
            if (browser.exists("nav#main-nav")) {
                browser.click("#user-menu-button");
                browser.click("#sign-out");
                browser.find("#signin-username");
            }
            open(link.group(1));
            watchPageErrors();
            browser.type("#portal-new-password", password);
            browser.screenshot("portal-accept");
            browser.click("#portal-accept button[type=submit]");
            browser.find("#portal-signin #portal-notice");
            assertFalse(driver.getCurrentUrl().contains("accept="), "the spent link leaves the address bar");
            browser.type("#portal-email", email);
            browser.type("#portal-password", password);
            browser.click("#portal-signin button[type=submit]");
            browser.find("#portal-signout");
            awaitText("#portal-tickets", "Renewal " + u);
            browser.screenshot("portal-tickets");

            // Their own master data: a phone number, saved to their person record.
            browser.click("header.portal-header a[href='#me']");
            browser.type("#portal-me-phone", "+386 40 123 456");
            browser.click("#portal-me button[type=submit]");
            browser.find("#portal-notice");
            JsonNode phones = admin.get("contacts/people/" + person).expect(200).json().path("phones");
            assertEquals("38640123456", phones.path(0).path("number").asText().replaceAll("\\D", ""), phones.toString());
            browser.screenshot("portal-me");

            // A new ticket, opened from the portal: the desk sees it as the customer's.
            browser.click("header.portal-header a[href='#new']");
            browser.type("#portal-subject", "Invoice missing " + u);
            browser.type("#portal-description", "The November invoice never came.");
            browser.click("#portal-new button[type=submit]");
            awaitText("#portal-ticket-subject", "Invoice missing " + u);
            JsonNode ticket = admin.get("tickets?requesterId=" + person + "&sort=-number").expect(200).json().path("items").path(0);
            assertEquals("Invoice missing " + u, ticket.path("subject").asText(), ticket.toString());
            assertEquals("portal", ticket.path("channel").asText());
            String id = ticket.path("id").asText();
            assertTrue(driver.getCurrentUrl().endsWith("#ticket/" + id), driver.getCurrentUrl());
            assertNoPageErrors();

            // The desk answers the customer and notes something for itself.
            admin.post("tickets/" + id + "/comments", Map.of("body", "We sent the invoice again " + u + ".", "public", true)).expect(201);
            admin.post("tickets/" + id + "/comments", Map.of("body", "INTERNAL they paid late " + u, "public", false)).expect(201);
            admin.patch("tickets/" + id, Map.of("customFields", Map.of("seats_" + u, 987654321), "version",
                    admin.get("tickets/" + id).expect(200).json().path("version").asLong())).expect(200);
            driver.navigate().refresh();
            watchPageErrors();
            awaitText("#portal-conversation", "We sent the invoice again " + u);
            assertTrue(browser.exists("#portal-conversation li.from-desk"), text("#portal-conversation"));
            assertFalse(text("main").contains("INTERNAL") || text("main").contains("paid late"), "the note stays with the desk: " + text("main"));
            String shown = text("main");
            assertFalse(shown.contains("987654321") || shown.contains("987,654,321") || shown.contains("Seats "),
                    "custom fields stay with the desk: " + shown);
            browser.screenshot("portal-answer");
            assertNoPageErrors();

            // Signed out, the portal asks for the password again, also after a reload.
            browser.click("#portal-signout");
            browser.find("#portal-signin");
            driver.navigate().refresh();
            browser.find("#portal-email");
            assertFalse(browser.exists("#portal-signout"));
        } finally {
            BlackBox.forgetMailSettings(admin);
            smtp.stop();
            if (!ticketsWasOn) {
                admin.post("modules/tickets/disable", Map.of()).expect(200);
                BlackBox.await(() -> admin.get("tickets/queues"), 404);
            }
        }
    }
}
