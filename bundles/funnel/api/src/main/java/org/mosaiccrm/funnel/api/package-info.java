/**
 * The funnel module's contract with other modules: its pipelines and their ordered stages
 * ({@link Pipelines}), which analytics and automation read, and the capture of leads
 * ({@link Leads}), which campaign web forms call, and the history of orders ({@link OrderHistory})
 * and of deals and their stage moves ({@link DealHistory}), which analytics reads (since 1.1; one customer's orders since 1.2; orders without lines, customers' totals and baskets since 1.3).
 */
@Export
@Version("1.3.0")
package org.mosaiccrm.funnel.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
