fn main() {
    article_widget::mount_dev_page();
}
