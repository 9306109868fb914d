package cn.finalaccounts.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by chromium-driver. The packaged accounts-
 * and aggregation-service hold the seed flow (the tree, the seed report saved, submitted and approved); the page
 * signs in through Keycloak's own login form as the demo reader, shows 怀化市养老和工伤保险服务中心 as 已审核 with
 * its figures, drills down to the department, and shows a second unit's approval, made through the API while the
 * page is open, without being reloaded. A screenshot is left in target/dashboard.png for people to look at.
 */
class DashboardBrowserTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final Path DEMO = ROOT.resolve("deploy/demo");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String JY = "/api/v1/units/HH-RSJ-JY/reports/2023";

    private static final Identity CITY_ADMIN = Keycloak.demoPerson("city-admin");
    /** The root of the tree is the platform operator's to create (docs/security.md). */
    private static final Identity PLATFORM_OPERATOR = Keycloak.demoPerson("platform-operator");
    private static final Identity YLGS_FILLER = Keycloak.demoPerson("ylgs-filler");
    private static final Identity RSJ_REVIEWER = Keycloak.demoPerson("rsj-reviewer");
    private static final Identity READER = Keycloak.demoPerson("reader");

    private static ServiceProcess accounts;
    private static ServiceProcess aggregation;
    private static Identities people;
    private static Path profile;
    private static ChromeDriverService driver;
    private static WebDriver browser;

    @BeforeAll
    static void startPlatformAndBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "DashboardBrowserTest skipped: no " + CHROMIUM + " and " + CHROMEDRIVER + " on this machine"
                        + " (apt-get install chromium chromium-driver; deploy/local/test.sh does so as root)");
        people = new Identities("dashboard");
        EmptyTopics.recreate();
        String kafka = KafkaTestBroker.bootstrapServers();
        accounts = ServiceProcess.start(ROOT, "accounts-service", "accounts", kafka);
        aggregation = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka,
                Map.of("FA_YEARS_OWNER", accounts.baseUrl()));
        for (ServiceProcess s : List.of(accounts, aggregation)) {
            s.awaitReady();
        }
        Keycloak.allowBrowserOrigin(aggregation.baseUrl());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        profile = Files.createTempDirectory("dashboard-chromium-");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1400,1500", "--lang=zh-CN");
        // The driver's own log to a file of its own: never into the test JVM's streams, which surefire reads.
        driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(ROOT.resolve("end-to-end-tests/target/chromedriver.log").toFile()).build();
        browser = new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stopPlatformAndBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (driver != null) {
            driver.stop();
        }
        if (aggregation != null) {
            Keycloak.disallowBrowserOrigin(aggregation.baseUrl());
        }
        for (ServiceProcess s : new ServiceProcess[] {aggregation, accounts}) {
            if (s != null) {
                s.close();
            }
        }
        if (people != null) {
            people.close();
        }
    }

    /**
     * A link that names another issuer changes nothing: the page signs in at the issuer the service is configured
     * with, and no request of the browser reaches the address the link named (it once received the authorization
     * code and the PKCE verifier, and so a live token).
     */
    @Test
    void anIssuerInTheAddressIsIgnoredAndTheLoginGoesToTheConfiguredKeycloak() throws Exception {
        try (ServerSocket elsewhere = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger reached = new AtomicInteger();
            Thread listener = new Thread(() -> {
                while (!elsewhere.isClosed()) {
                    try (Socket s = elsewhere.accept()) {
                        reached.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "elsewhere-issuer");
            listener.setDaemon(true);
            listener.start();
            String evil = "http://127.0.0.1:" + elsewhere.getLocalPort() + "/realms/final-accounts";
            signedOut();
            browser.get(aggregation.baseUrl() + "/dashboard/?issuer=" + evil + "&client_id=evil&redirect_uri=" + evil
                    + "&poll=1");
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.id("username")).isEmpty());
            assertTrue(browser.getCurrentUrl().startsWith(Keycloak.ISSUER + "/protocol/openid-connect/auth?"),
                    browser.getCurrentUrl());
            assertTrue(browser.getCurrentUrl().contains("client_id=final-accounts-cli"), browser.getCurrentUrl());
            assertTrue(browser.getCurrentUrl().contains("redirect_uri="
                    + URLEncoder.encode(aggregation.baseUrl() + "/dashboard/", StandardCharsets.UTF_8)),
                    browser.getCurrentUrl());
            browser.findElement(By.id("username")).sendKeys("reader");
            browser.findElement(By.id("password")).sendKeys(Keycloak.DEMO_PASSWORD);
            browser.findElement(By.id("kc-login")).click();
            // Signed in: the code went to the configured Keycloak's token endpoint and came back as a token.
            awaitText(By.id("signed-in"), "reader（431200）");
            assertEquals(0, reached.get(), "the browser reached the issuer named in the address");
            // ?poll=1 (a millisecond) is clamped to the page's minimum of 5 seconds.
            assertEquals("5000", browser.findElement(By.tagName("body")).getAttribute("data-poll"));
        } finally {
            signedOut();
        }
    }

    /**
     * Forgets the tab's tokens (sessionStorage of the dashboard's origin) and Keycloak's session cookie, so that the
     * next visit shows the login form again.
     */
    private static void signedOut() {
        browser.get(aggregation.baseUrl() + "/dashboard/login.json");
        js("window.sessionStorage.clear()");
        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    @Test
    void theReaderSeesTheUnitsStatesAndFiguresDrillsDownAndSeesANewApprovalWithoutReloading() throws Exception {
        signedOut();
        seedFlow();
        Identity jyFiller = people.filler("HH-RSJ-JY");
        String jySeed = Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"))
                .replace("\"unit\": \"HH-RSJ-YLGS\"", "\"unit\": \"HH-RSJ-JY\"");
        jyFiller.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(jySeed).put(JY).then()
                .statusCode(201);
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        jyFiller.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post(JY + "/submit").then().statusCode(200);
        awaitSummary("431200", "approved", 1);
        awaitSummary("431200", "submitted", 2);

        // Signs in as every user does: the issuer's login form, then back with a code the page exchanges (PKCE).
        browser.get(aggregation.baseUrl() + "/dashboard/?poll=1000");
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys("reader");
        browser.findElement(By.id("password")).sendKeys(Keycloak.DEMO_PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        awaitText(By.id("signed-in"), "reader（431200）");
        awaitText(By.id("node-title"), "怀化市（地区）2023年度");

        // The region: the seed unit 已审核 with its figures, the other units by their state, the missing one first.
        awaitText(By.cssSelector("li[data-node='HH-RSJ-YLGS'] .name"), "怀化市养老和工伤保险服务中心");
        awaitText(By.cssSelector("li[data-node='HH-RSJ-YLGS'] .state"), "已审核");
        awaitText(By.cssSelector("li[data-node='HH-RSJ-YLGS'] .amount"), "收入 901.39");
        awaitText(By.cssSelector("li[data-node='HH-RSJ-JY'] .state"), "已上报");
        awaitText(By.cssSelector("li[data-node='HH-RSJ-RC'] .state"), "未报送");
        assertEquals(List.of("HH-RSJ-RC", "HH-RSJ-JY", "HH-RSJ-YLGS"), browser
                .findElements(By.cssSelector("li[data-node='HH-RSJ'] > ul > li")).stream()
                .map(e -> e.getAttribute("data-node")).toList(), "missing first, then submitted, then approved");
        awaitText(By.id("tree-counts"), "未报送 1，已退回 0，填报中 0，已上报 1，已审核 1");
        awaitText(By.id("fig-income_total"), "901.39");
        awaitText(By.id("fig-expense_total"), "901.39");
        awaitText(By.id("fig-basic_expense"), "695.88");
        awaitText(By.id("fig-project_expense"), "205.51");
        awaitText(By.id("fig-fiscal_appropriation_income"), "901.23");
        awaitText(By.id("fig-sangong_total"), "1.20");
        awaitText(By.cssSelector("#children tr[data-node='HH-RSJ'] td:nth-child(3)"), "901.39");

        // Drill-down: the department's row in the side-by-side of the children.
        browser.findElement(By.cssSelector("#children tr[data-node='HH-RSJ']")).click();
        awaitText(By.id("node-title"), "怀化市人力资源和社会保障局（部门）2023年度");
        awaitText(By.cssSelector("#children tr[data-node='HH-RSJ-YLGS'] td:nth-child(1)"), "怀化市养老和工伤保险服务中心");
        awaitText(By.cssSelector("#children tr[data-node='HH-RSJ-JY'] td:nth-child(3)"), "—");
        assertTrue(browser.getCurrentUrl().endsWith("#node=HH-RSJ&year=2023&view=approved&mode=simple"),
                browser.getCurrentUrl());

        // A new approval, made while the page is open, arrives by polling: the same document, no reload.
        js("window.sameDocument = 'yes'");
        RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post(JY + "/approve").then().statusCode(200);
        awaitText(By.cssSelector("li[data-node='HH-RSJ-JY'] .state"), "已审核");
        awaitText(By.id("fig-income_total"), "1,802.78");
        awaitText(By.cssSelector("#children tr[data-node='HH-RSJ-JY'] td:nth-child(3)"), "901.39");
        assertEquals("yes", js("return window.sameDocument"), "the page was not reloaded");

        // A figure's lineage: the two unit versions behind 本年收入合计.
        browser.findElement(By.id("fig-income_total")).click();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(2,
                browser.findElements(By.cssSelector("#lineage-units tbody tr")).size()));
        String lineage = browser.findElement(By.id("lineage-units")).getText();
        assertTrue(lineage.contains("怀化市养老和工伤保险服务中心") && lineage.contains("怀化市就业服务中心"), lineage);

        // 2024, opened by the operator while the page is open: the year switch keeps the department, and the trend
        // shows both years for it and for each unit.
        PLATFORM_OPERATOR.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", Files.readString(DEMO.resolve("years/2024/functional.csv")))))
                .put("/api/v1/years/2024").then().statusCode(201);
        String ylgs2024 = "/api/v1/units/HH-RSJ-YLGS/reports/2024";
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json")).replace("\"year\": 2023",
                        "\"year\": 2024")).put(ylgs2024).then().statusCode(201);
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post(ylgs2024 + "/submit").then().statusCode(200);
        RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post(ylgs2024 + "/approve").then().statusCode(200);
        awaitSummary("HH-RSJ", 2024, "approved", 1);
        browser.navigate().refresh();
        awaitText(By.cssSelector("#year option[value='2024']"), "2024年");
        new Select(browser.findElement(By.id("year"))).selectByValue("2024");
        awaitText(By.id("node-title"), "怀化市人力资源和社会保障局（部门）2024年度");
        assertTrue(browser.getCurrentUrl().endsWith("#node=HH-RSJ&year=2024&view=approved&mode=simple"),
                browser.getCurrentUrl());
        awaitText(By.id("fig-income_total"), "901.39");
        awaitText(By.cssSelector("#trend tr[data-node='HH-RSJ'] td[data-year='2023']"), "1,802.78");
        awaitText(By.cssSelector("#trend tr[data-node='HH-RSJ'] td[data-year='2024']"), "901.39");
        awaitText(By.cssSelector("#trend tr[data-node='HH-RSJ-JY'] td[data-year='2024']"), "—");
        // And back to 2023, still the department.
        new Select(browser.findElement(By.id("year"))).selectByValue("2023");
        awaitText(By.id("node-title"), "怀化市人力资源和社会保障局（部门）2023年度");
        awaitText(By.id("fig-income_total"), "1,802.78");

        Path shot = ROOT.resolve("end-to-end-tests/target/dashboard.png");
        Files.createDirectories(shot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the page");
    }

    /** The tree (with two more units of the department), the seed report saved, submitted and approved. */
    private static void seedFlow() throws Exception {
        List<Map<String, String>> tree = JsonPath.from(DEMO.resolve("org-tree.json").toFile()).getList("$");
        for (Map<String, String> node : tree) {
            (node.get("parent") == null ? PLATFORM_OPERATOR : CITY_ADMIN).given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(node)
                    .put("/api/v1/units/" + node.get("code")).then().statusCode(201);
        }
        for (Map<String, String> unit : List.of(
                Map.of("code", "HH-RSJ-JY", "name", "怀化市就业服务中心"),
                Map.of("code", "HH-RSJ-RC", "name", "怀化市人才交流服务中心"))) {
            CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                    .body(Map.of("name", unit.get("name"), "kind", "unit", "parent", "HH-RSJ", "unitType", "事业"))
                    .put("/api/v1/units/" + unit.get("code")).then().statusCode(201);
        }
        String ylgs = "/api/v1/units/HH-RSJ-YLGS/reports/2023";
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"))).put(ylgs).then().statusCode(201);
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post(ylgs + "/submit").then().statusCode(200);
        RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post(ylgs + "/approve").then().statusCode(200);
    }

    private static void awaitSummary(String node, String view, int unitsIn) {
        awaitSummary(node, 2023, view, unitsIn);
    }

    private static void awaitSummary(String node, int year, String view, int unitsIn) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(
                unitsIn, READER.given().baseUri(aggregation.baseUrl()).queryParam("view", view)
                        .get("/api/v1/summaries/" + node + "/" + year).then().statusCode(200).extract().jsonPath()
                        .getInt("freshness.unitsIn")));
    }

    private static void awaitText(By where, String text) throws Exception {
        try {
            awaitTextOnce(where, text);
        } catch (AssertionError | RuntimeException e) {
            // What the page looked like when it did not show what was expected.
            Path shot = ROOT.resolve("end-to-end-tests/target/dashboard-failed.png");
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot,
                    StandardCopyOption.REPLACE_EXISTING);
            throw e;
        }
    }

    private static void awaitTextOnce(By where, String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .untilAsserted(() -> {
                    List<WebElement> found = browser.findElements(where);
                    assertEquals(text, found.isEmpty() ? "(nothing at " + where + "; message: "
                            + browser.findElement(By.id("message")).getText() + ")" : found.get(0).getText().trim());
                });
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
