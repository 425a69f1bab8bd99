package io.streamlytics.core.event;

/** Where an event came from: page, device, library, campaign. Empty strings when unknown. */
public class EventContext {
    public String pageUrl = "";
    public String pagePath = "";
    public String pageReferrer = "";
    public String pageTitle = "";
    public String userAgent = "";
    public String ip = "";
    public String libraryName = "";
    public String libraryVersion = "";
    public String locale = "";
    public int screenWidth;
    public int screenHeight;
    public String utmSource = "";
    public String utmMedium = "";
    public String utmCampaign = "";
    public String utmTerm = "";
    public String utmContent = "";

    // Filled by the collector's enrichment.
    public String referrerDomain = "";
    public String browser = "";
    public String browserVersion = "";
    public String os = "";
    public String osVersion = "";

    /** Desktop, Phone, Tablet, Robot, … as the user agent tells. */
    public String deviceType = "";

    /**
     * ISO 3166-1 alpha-2 country of the client IP (the collector's GeoIP lookup); empty: unknown.
     */
    public String country = "";

    public EventContext() {}
}
