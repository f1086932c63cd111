package org.mosaiccrm.funnel.impl;

import java.sql.SQLException;
import java.util.List;

import org.mosaiccrm.funnel.api.FunnelEvents;
import org.mosaiccrm.platform.api.money.Money;
import org.mosaiccrm.platform.spi.BuiltInRole;
import org.mosaiccrm.platform.spi.CustomizableEntity;
import org.mosaiccrm.platform.spi.DefaultGrant;
import org.mosaiccrm.platform.spi.DataContribution;
import org.mosaiccrm.platform.spi.DerivedTable;
import org.mosaiccrm.platform.spi.Migration;
import org.mosaiccrm.platform.spi.MigrationContext;
import org.mosaiccrm.platform.spi.BundleModule;
import org.mosaiccrm.platform.spi.ModuleDescriptor;
import org.mosaiccrm.platform.spi.PermissionDefinition;
import org.osgi.service.component.annotations.Component;

/** Who the funnel module is, what it may be granted, and its data. */
@Component(service = {ModuleDescriptor.class, DataContribution.class})
public class FunnelModule extends BundleModule implements DataContribution {

    public static final String ID = FunnelEvents.MODULE;
    public static final String READ = "funnel.read";
    public static final String WRITE = "funnel.write";
    public static final String DELETE = "funnel.delete";
    public static final String EXPORT = "funnel.export";
    /** Pipelines, stages, products and reasons: the funnel's configuration. */
    public static final String ADMIN = "funnel.admin";
    /** The custom fields' entity of deals. */
    public static final String DEAL = "deal";
    /** The custom fields' entity of leads. */
    public static final String LEAD = "lead";
    /** Importing leads and orders from CSV. */
    public static final String IMPORT = "funnel.import";

    /** Deals name organizations and people: the funnel needs contacts. */
    public FunnelModule() {
        super(ID, "Sales funnel", "contacts");
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.of(
                new PermissionDefinition(READ, "See pipelines, the sales board and the deals of one's team"),
                new PermissionDefinition(WRITE, "Create, change and move deals"),
                new PermissionDefinition(DELETE, "Delete deals"),
                new PermissionDefinition(EXPORT, "Export lists of deals as CSV"),
                new PermissionDefinition(IMPORT, "Import leads and orders from CSV"),
                new PermissionDefinition(ADMIN, "Set up pipelines and their stages"));
    }

    /**
     * What the built-in roles may do from the first start: managers run the funnel but leave its
     * set-up (pipelines, products, rules) to administrators; sales work their deals; marketing
     * brings leads in and reads the funnel; support and every user read it.
     */
    @Override
    public List<DefaultGrant> defaultGrants() {
        return List.of(DefaultGrant.of(BuiltInRole.MANAGER, READ, WRITE, DELETE, EXPORT, IMPORT),
                DefaultGrant.of(BuiltInRole.SALES, READ, WRITE, EXPORT, IMPORT),
                DefaultGrant.of(BuiltInRole.MARKETING, READ, IMPORT, EXPORT),
                DefaultGrant.of(BuiltInRole.SUPPORT, READ),
                DefaultGrant.of(BuiltInRole.USER, READ));
    }

    @Override
    public List<CustomizableEntity> customizable() {
        return List.of(new CustomizableEntity(DEAL, "Deals", "deals", READ, ADMIN), new CustomizableEntity(LEAD, "Leads", "leads", READ, ADMIN));
    }

    @Override
    public String cayenneProject() {
        return "org/mosaiccrm/funnel/impl/cayenne-funnel.xml";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of(1, "pipelines, stages, deals and their stage history", FunnelModule::tables),
                Migration.of(2, "products and the line items of deals", FunnelModule::products),
                Migration.of(3, "leads", FunnelModule::leads),
                Migration.of(4, "orders and their lines", FunnelModule::orders),
                Migration.of(5, "assignment rules of leads",
                        "CREATE TABLE FN_ASSIGNMENT_RULE (" + RECORD + "POSITION INTEGER NOT NULL, FIELD VARCHAR(50), VALUE VARCHAR(200),"
                                + " TARGET_TEAM_ID VARCHAR(36) NOT NULL, TURN BIGINT NOT NULL)"),
                Migration.of(6, "reasons deals are won or lost",
                        "CREATE TABLE FN_REASON (" + RECORD + "KIND VARCHAR(10) NOT NULL, TEXT VARCHAR(200) NOT NULL, POSITION INTEGER NOT NULL)"),
                Migration.of(7, "indexes of the sales board and the forecast", BoardIndexes::create),
                Migration.of(8, "the sales board's totals per stage", BoardSums::create));
    }

    /** The board's totals, kept with every change of a deal and recounted at every start. */
    @Override
    public List<DerivedTable> derivedTables() {
        return List.of(new BoardSums());
    }

    private static final String RECORD = "ID VARCHAR(36) NOT NULL PRIMARY KEY, VERSION BIGINT NOT NULL, CREATED_AT TIMESTAMP NOT NULL,"
            + " UPDATED_AT TIMESTAMP NOT NULL, OWNER_ID VARCHAR(36) NOT NULL, TEAM_ID VARCHAR(36) NOT NULL, ";

    /**
     * Every list's sort has an index on (key, ID) (RecordLists pages by keyset at any depth); the
     * board reads a stage's deals newest first through (STAGE_ID, UPDATED_AT, ID); a deal's
     * history is read through (DEAL_ID, MOVED_AT) and analytics scan moves by time.
     */
    private static void tables(MigrationContext context) throws SQLException {
        context.execute(
                "CREATE TABLE FN_PIPELINE (" + RECORD + "NAME VARCHAR(100) NOT NULL, POSITION INTEGER NOT NULL)",
                "CREATE TABLE FN_STAGE (" + RECORD + "PIPELINE_ID VARCHAR(36) NOT NULL, NAME VARCHAR(100) NOT NULL,"
                        + " POSITION INTEGER NOT NULL, PROBABILITY INTEGER NOT NULL, KIND VARCHAR(10) NOT NULL, ROT_DAYS INTEGER)",
                "CREATE TABLE FN_DEAL (" + RECORD + "TITLE VARCHAR(200) NOT NULL, TITLE_KEY " + context.sortKeyType(200) + ","
                        + " PIPELINE_ID VARCHAR(36) NOT NULL, STAGE_ID VARCHAR(36) NOT NULL, AMOUNT " + Money.SQL_TYPE + ","
                        + " CURRENCY VARCHAR(3), EXPECTED_CLOSE DATE, PROBABILITY INTEGER, ORGANIZATION_ID VARCHAR(36),"
                        + " PERSON_IDS VARCHAR(2000), NEXT_STEP VARCHAR(200), NEXT_STEP_AT DATE, CLOSED_AT TIMESTAMP,"
                        + " CLOSE_REASON VARCHAR(200), STAGE_SINCE TIMESTAMP NOT NULL, CUSTOM VARCHAR(8000))",
                "CREATE TABLE FN_STAGE_MOVE (" + RECORD + "DEAL_ID VARCHAR(36) NOT NULL, PIPELINE_ID VARCHAR(36) NOT NULL,"
                        + " FROM_STAGE_ID VARCHAR(36), TO_STAGE_ID VARCHAR(36) NOT NULL, MOVED_AT TIMESTAMP NOT NULL,"
                        + " MOVED_BY VARCHAR(36) NOT NULL, AMOUNT " + Money.SQL_TYPE + ", CURRENCY VARCHAR(3))",
                "CREATE INDEX FN_STAGE_PIPELINE ON FN_STAGE (PIPELINE_ID, POSITION)",
                "CREATE INDEX FN_DEAL_STAGE ON FN_DEAL (STAGE_ID, UPDATED_AT, ID)",
                "CREATE INDEX FN_DEAL_PIPELINE ON FN_DEAL (PIPELINE_ID, EXPECTED_CLOSE)",
                "CREATE INDEX FN_DEAL_ORG ON FN_DEAL (ORGANIZATION_ID)",
                "CREATE INDEX FN_MOVE_DEAL ON FN_STAGE_MOVE (DEAL_ID, MOVED_AT)",
                "CREATE INDEX FN_MOVE_AT ON FN_STAGE_MOVE (MOVED_AT)");
        context.createSortIndex("FN_DEAL_ID", "FN_DEAL", "ID");
        context.createSortIndex("FN_DEAL_TITLE", "FN_DEAL", "TITLE_KEY");
        context.createSortIndex("FN_DEAL_UPDATED", "FN_DEAL", "UPDATED_AT");
        context.createSortIndex("FN_DEAL_CLOSE", "FN_DEAL", "EXPECTED_CLOSE");
        context.createReachIndex("FN_DEAL_REACH", "FN_DEAL");
        context.createReachIndex("FN_MOVE_REACH", "FN_STAGE_MOVE");
    }

    /** A SKU is unique ignoring case; products list by name; a deal's lines are read by deal, and a product's uses counted. */
    private static void products(MigrationContext context) throws SQLException {
        context.execute(
                "CREATE TABLE FN_PRODUCT (" + RECORD + "SKU VARCHAR(64) NOT NULL, SKU_KEY VARCHAR(64) NOT NULL,"
                        + " NAME VARCHAR(200) NOT NULL, NAME_KEY " + context.sortKeyType(200) + ", ACTIVE BOOLEAN NOT NULL,"
                        + " PRICES VARCHAR(2000))",
                "CREATE UNIQUE INDEX FN_PRODUCT_SKU ON FN_PRODUCT (SKU_KEY)",
                "CREATE TABLE FN_DEAL_LINE (" + RECORD + "DEAL_ID VARCHAR(36) NOT NULL, POSITION INTEGER NOT NULL,"
                        + " PRODUCT_ID VARCHAR(36) NOT NULL, QUANTITY " + Money.SQL_TYPE + " NOT NULL, UNIT_PRICE " + Money.SQL_TYPE
                        + " NOT NULL, DISCOUNT " + Money.SQL_TYPE + ")",
                "CREATE INDEX FN_LINE_DEAL ON FN_DEAL_LINE (DEAL_ID, POSITION)",
                "CREATE INDEX FN_LINE_PRODUCT ON FN_DEAL_LINE (PRODUCT_ID)");
        context.createSortIndex("FN_PRODUCT_NAME", "FN_PRODUCT", "NAME_KEY");
        context.createSortIndex("FN_PRODUCT_ID", "FN_PRODUCT", "ID");
    }

    /** Leads list by name, newest or recently changed, within reach; they are matched by email (imports, duplicates). */
    private static void leads(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE FN_LEAD (" + RECORD + "FIRST_NAME VARCHAR(100), LAST_NAME VARCHAR(100), NAME_KEY "
                        + context.sortKeyType(200) + ", COMPANY VARCHAR(200), EMAIL VARCHAR(320), EMAIL_KEY VARCHAR(320),"
                        + " PHONE VARCHAR(40), SOURCE VARCHAR(100), STATUS VARCHAR(20) NOT NULL, REASON VARCHAR(200), NOTES VARCHAR(4000),"
                        + " CUSTOM VARCHAR(8000), PERSON_ID VARCHAR(36), ORGANIZATION_ID VARCHAR(36), DEAL_ID VARCHAR(36),"
                        + " CONVERTED_AT TIMESTAMP)",
                "CREATE INDEX FN_LEAD_EMAIL ON FN_LEAD (EMAIL_KEY)");
        context.createSortIndex("FN_LEAD_ID", "FN_LEAD", "ID");
        context.createSortIndex("FN_LEAD_NAME", "FN_LEAD", "NAME_KEY");
        context.createSortIndex("FN_LEAD_UPDATED", "FN_LEAD", "UPDATED_AT");
        context.createReachIndex("FN_LEAD_REACH", "FN_LEAD");
    }

    /**
     * An order number is unique ignoring case; a customer's orders are read by person or
     * organization and time (purchase history), a deal's order by deal, an order's lines by order,
     * a product's sales by product.
     */
    private static void orders(MigrationContext context) throws SQLException {
        context.execute("CREATE TABLE FN_ORDER (" + RECORD + "NUMBER VARCHAR(64) NOT NULL, NUMBER_KEY VARCHAR(64) NOT NULL,"
                        + " PERSON_ID VARCHAR(36), ORGANIZATION_ID VARCHAR(36), ORDERED_AT TIMESTAMP NOT NULL, CURRENCY VARCHAR(3) NOT NULL,"
                        + " TOTAL " + Money.SQL_TYPE + " NOT NULL, DEAL_ID VARCHAR(36))",
                "CREATE UNIQUE INDEX FN_ORDER_NUMBER ON FN_ORDER (NUMBER_KEY)",
                "CREATE INDEX FN_ORDER_PERSON ON FN_ORDER (PERSON_ID, ORDERED_AT)",
                "CREATE INDEX FN_ORDER_ORG ON FN_ORDER (ORGANIZATION_ID, ORDERED_AT)",
                "CREATE INDEX FN_ORDER_DEAL ON FN_ORDER (DEAL_ID)",
                "CREATE TABLE FN_ORDER_LINE (" + RECORD + "ORDER_ID VARCHAR(36) NOT NULL, POSITION INTEGER NOT NULL,"
                        + " PRODUCT_ID VARCHAR(36) NOT NULL, SKU VARCHAR(64) NOT NULL, QUANTITY " + Money.SQL_TYPE + " NOT NULL,"
                        + " UNIT_PRICE " + Money.SQL_TYPE + " NOT NULL, DISCOUNT " + Money.SQL_TYPE + ")",
                "CREATE INDEX FN_ORDER_LINE_ORDER ON FN_ORDER_LINE (ORDER_ID, POSITION)",
                "CREATE INDEX FN_ORDER_LINE_PRODUCT ON FN_ORDER_LINE (PRODUCT_ID)");
        context.createSortIndex("FN_ORDER_ID", "FN_ORDER", "ID");
        context.createSortIndex("FN_ORDER_AT", "FN_ORDER", "ORDERED_AT");
        context.createReachIndex("FN_ORDER_REACH", "FN_ORDER");
        context.createReachIndex("FN_ORDER_LINE_REACH", "FN_ORDER_LINE");
    }
}
