package org.mosaiccrm.platform.api.persistence;

import java.util.List;
import java.util.function.Function;

import org.apache.cayenne.ObjectContext;
import org.apache.cayenne.query.ObjectSelect;
import org.mosaiccrm.platform.api.rest.ListPage;
import org.mosaiccrm.platform.api.rest.PageRequest;

/** One page of a query as a list answer: the total, the items of the page, the next cursor. */
public final class Pages {

    private Pages() {
    }

    /**
     * Runs the query for one page. The query must already carry the user's visibility
     * qualifier and a total order (end with the id), so that pages neither overlap nor skip.
     */
    public static <T, V> ListPage<V> of(ObjectContext ctx, ObjectSelect<T> query, PageRequest page, Function<T, V> view) {
        long total = query.selectCount(ctx);
        List<V> items = query.offset(page.offset()).limit(page.limit()).select(ctx).stream().map(view).toList();
        return new ListPage<>(items, page.nextCursor(total), total);
    }
}
