# Generated from ui/main_window.ui by pyside6-uic — do not edit; run `python -m crmdesk.gui.forms.build`
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QMenuBar, QSizePolicy, QSpacerItem, QStatusBar, QTableView, QToolBar, QVBoxLayout, QWidget

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 760)
        self.actionNewFile = QAction(MainWindow)
        self.actionNewFile.setObjectName(u"actionNewFile")
        self.actionOpen = QAction(MainWindow)
        self.actionOpen.setObjectName(u"actionOpen")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
        self.actionNewClient = QAction(MainWindow)
        self.actionNewClient.setObjectName(u"actionNewClient")
        self.actionEditClient = QAction(MainWindow)
        self.actionEditClient.setObjectName(u"actionEditClient")
        self.actionDeleteClient = QAction(MainWindow)
        self.actionDeleteClient.setObjectName(u"actionDeleteClient")
        self.actionTrash = QAction(MainWindow)
        self.actionTrash.setObjectName(u"actionTrash")
        self.actionFind = QAction(MainWindow)
        self.actionFind.setObjectName(u"actionFind")
        self.actionClearFilters = QAction(MainWindow)
        self.actionClearFilters.setObjectName(u"actionClearFilters")
        self.actionLanguageAuto = QAction(MainWindow)
        self.actionLanguageAuto.setObjectName(u"actionLanguageAuto")
        self.actionLanguageAuto.setCheckable(True)
        self.actionLanguageFrench = QAction(MainWindow)
        self.actionLanguageFrench.setObjectName(u"actionLanguageFrench")
        self.actionLanguageFrench.setCheckable(True)
        self.actionLanguageFrench.setText(u"&Fran\u00e7ais")
        self.actionLanguageEnglish = QAction(MainWindow)
        self.actionLanguageEnglish.setObjectName(u"actionLanguageEnglish")
        self.actionLanguageEnglish.setCheckable(True)
        self.actionLanguageEnglish.setText(u"&English")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.centralwidget = QWidget(MainWindow)
        self.centralwidget.setObjectName(u"centralwidget")
        self.centralLayout = QVBoxLayout(self.centralwidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchLabel = QLabel(self.centralwidget)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.centralwidget)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setMinimumSize(QSize(220, 0))
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.stageLabel = QLabel(self.centralwidget)
        self.stageLabel.setObjectName(u"stageLabel")

        self.filterLayout.addWidget(self.stageLabel)

        self.stageCombo = QComboBox(self.centralwidget)
        self.stageCombo.setObjectName(u"stageCombo")

        self.filterLayout.addWidget(self.stageCombo)

        self.cityLabel = QLabel(self.centralwidget)
        self.cityLabel.setObjectName(u"cityLabel")

        self.filterLayout.addWidget(self.cityLabel)

        self.cityCombo = QComboBox(self.centralwidget)
        self.cityCombo.setObjectName(u"cityCombo")
        self.cityCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.cityCombo.setMaxVisibleItems(20)

        self.filterLayout.addWidget(self.cityCombo)

        self.tagLabel = QLabel(self.centralwidget)
        self.tagLabel.setObjectName(u"tagLabel")

        self.filterLayout.addWidget(self.tagLabel)

        self.tagCombo = QComboBox(self.centralwidget)
        self.tagCombo.setObjectName(u"tagCombo")
        self.tagCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterLayout.addWidget(self.tagCombo)

        self.repLabel = QLabel(self.centralwidget)
        self.repLabel.setObjectName(u"repLabel")

        self.filterLayout.addWidget(self.repLabel)

        self.repCombo = QComboBox(self.centralwidget)
        self.repCombo.setObjectName(u"repCombo")
        self.repCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.filterLayout.addWidget(self.repCombo)

        self.filterSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.filterLayout.addItem(self.filterSpacer)


        self.centralLayout.addLayout(self.filterLayout)

        self.clientTable = QTableView(self.centralwidget)
        self.clientTable.setObjectName(u"clientTable")
        self.clientTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.clientTable.setAlternatingRowColors(True)
        self.clientTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.clientTable.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.clientTable.setSortingEnabled(True)
        self.clientTable.setWordWrap(False)

        self.centralLayout.addWidget(self.clientTable)

        MainWindow.setCentralWidget(self.centralwidget)
        self.menubar = QMenuBar(MainWindow)
        self.menubar.setObjectName(u"menubar")
        self.menuFile = QMenu(self.menubar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuRecent = QMenu(self.menuFile)
        self.menuRecent.setObjectName(u"menuRecent")
        self.menuEdit = QMenu(self.menubar)
        self.menuEdit.setObjectName(u"menuEdit")
        self.menuView = QMenu(self.menubar)
        self.menuView.setObjectName(u"menuView")
        self.menuLanguage = QMenu(self.menuView)
        self.menuLanguage.setObjectName(u"menuLanguage")
        self.menuHelp = QMenu(self.menubar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menubar)
        self.mainToolBar = QToolBar(MainWindow)
        self.mainToolBar.setObjectName(u"mainToolBar")
        self.mainToolBar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        MainWindow.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.mainToolBar)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)
#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.stageLabel.setBuddy(self.stageCombo)
        self.cityLabel.setBuddy(self.cityCombo)
        self.tagLabel.setBuddy(self.tagCombo)
        self.repLabel.setBuddy(self.repCombo)
#endif // QT_CONFIG(shortcut)

        self.menubar.addAction(self.menuFile.menuAction())
        self.menubar.addAction(self.menuEdit.menuAction())
        self.menubar.addAction(self.menuView.menuAction())
        self.menubar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionNewFile)
        self.menuFile.addAction(self.actionOpen)
        self.menuFile.addAction(self.menuRecent.menuAction())
        self.menuFile.addSeparator()
        self.menuFile.addAction(self.actionQuit)
        self.menuEdit.addAction(self.actionNewClient)
        self.menuEdit.addAction(self.actionEditClient)
        self.menuEdit.addAction(self.actionDeleteClient)
        self.menuEdit.addSeparator()
        self.menuEdit.addAction(self.actionTrash)
        self.menuEdit.addSeparator()
        self.menuEdit.addAction(self.actionFind)
        self.menuView.addAction(self.actionClearFilters)
        self.menuView.addSeparator()
        self.menuView.addAction(self.menuLanguage.menuAction())
        self.menuLanguage.addAction(self.actionLanguageAuto)
        self.menuLanguage.addAction(self.actionLanguageFrench)
        self.menuLanguage.addAction(self.actionLanguageEnglish)
        self.menuHelp.addAction(self.actionAbout)
        self.mainToolBar.addAction(self.actionNewClient)
        self.mainToolBar.addAction(self.actionEditClient)
        self.mainToolBar.addAction(self.actionDeleteClient)
        self.mainToolBar.addSeparator()
        self.mainToolBar.addAction(self.actionTrash)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"crmdesk", None))
        self.actionNewFile.setText(QCoreApplication.translate("MainWindow", u"&New client file\u2026", None))
#if QT_CONFIG(statustip)
        self.actionNewFile.setStatusTip(QCoreApplication.translate("MainWindow", u"Create an empty client file", None))
#endif // QT_CONFIG(statustip)
        self.actionOpen.setText(QCoreApplication.translate("MainWindow", u"&Open\u2026", None))
#if QT_CONFIG(statustip)
        self.actionOpen.setStatusTip(QCoreApplication.translate("MainWindow", u"Open another client file", None))
#endif // QT_CONFIG(statustip)
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
        self.actionNewClient.setText(QCoreApplication.translate("MainWindow", u"&New client\u2026", None))
        self.actionNewClient.setIconText(QCoreApplication.translate("MainWindow", u"New client", None))
#if QT_CONFIG(statustip)
        self.actionNewClient.setStatusTip(QCoreApplication.translate("MainWindow", u"Add a client or a prospect", None))
#endif // QT_CONFIG(statustip)
        self.actionEditClient.setText(QCoreApplication.translate("MainWindow", u"&Edit client\u2026", None))
        self.actionEditClient.setIconText(QCoreApplication.translate("MainWindow", u"Edit", None))
#if QT_CONFIG(statustip)
        self.actionEditClient.setStatusTip(QCoreApplication.translate("MainWindow", u"Open the sheet of the selected client", None))
#endif // QT_CONFIG(statustip)
        self.actionDeleteClient.setText(QCoreApplication.translate("MainWindow", u"&Delete", None))
        self.actionDeleteClient.setIconText(QCoreApplication.translate("MainWindow", u"Delete", None))
#if QT_CONFIG(statustip)
        self.actionDeleteClient.setStatusTip(QCoreApplication.translate("MainWindow", u"Move the selected clients to the trash", None))
#endif // QT_CONFIG(statustip)
        self.actionTrash.setText(QCoreApplication.translate("MainWindow", u"&Trash\u2026", None))
        self.actionTrash.setIconText(QCoreApplication.translate("MainWindow", u"Trash", None))
#if QT_CONFIG(statustip)
        self.actionTrash.setStatusTip(QCoreApplication.translate("MainWindow", u"See the deleted clients and restore them", None))
#endif // QT_CONFIG(statustip)
        self.actionFind.setText(QCoreApplication.translate("MainWindow", u"&Find", None))
#if QT_CONFIG(statustip)
        self.actionFind.setStatusTip(QCoreApplication.translate("MainWindow", u"Search the client file", None))
#endif // QT_CONFIG(statustip)
        self.actionClearFilters.setText(QCoreApplication.translate("MainWindow", u"&Show all clients", None))
#if QT_CONFIG(statustip)
        self.actionClearFilters.setStatusTip(QCoreApplication.translate("MainWindow", u"Clear the search and the filters", None))
#endif // QT_CONFIG(statustip)
        self.actionLanguageAuto.setText(QCoreApplication.translate("MainWindow", u"&Automatic (system language)", None))
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About crmdesk", None))
        self.searchLabel.setText(QCoreApplication.translate("MainWindow", u"&Search:", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Name, company, email, phone, city\u2026", None))
        self.stageLabel.setText(QCoreApplication.translate("MainWindow", u"S&tage:", None))
        self.cityLabel.setText(QCoreApplication.translate("MainWindow", u"C&ity:", None))
        self.tagLabel.setText(QCoreApplication.translate("MainWindow", u"T&ag:", None))
        self.repLabel.setText(QCoreApplication.translate("MainWindow", u"Sales &rep:", None))
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuRecent.setTitle(QCoreApplication.translate("MainWindow", u"&Recent files", None))
        self.menuEdit.setTitle(QCoreApplication.translate("MainWindow", u"&Edit", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"&View", None))
        self.menuLanguage.setTitle(QCoreApplication.translate("MainWindow", u"&Language", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
        self.mainToolBar.setWindowTitle(QCoreApplication.translate("MainWindow", u"Main toolbar", None))
    # retranslateUi

