// A host page's module script that imports the loader (with a bundler, or
// with a local copy of the declarations beside the loader), compiled against
// article-widget.d.ts's module export. Lines marked @ts-expect-error must not compile.
import { ArticleWidget } from "../../../src/embed/article-widget.js";

const box = document.createElement("div");
await ArticleWidget.mount(box, { src: "/articles/iraq.json", theme: "dark", lang: "fr" });
ArticleWidget.unmount(box);
// @ts-expect-error src is required
void ArticleWidget.mount(box, { sections: "expanded" });
// @ts-expect-error the export is frozen
ArticleWidget.unmount = () => {};
box.addEventListener("article-widget:ready", (event) => console.log(event.detail.id, event.detail.prerendered));
